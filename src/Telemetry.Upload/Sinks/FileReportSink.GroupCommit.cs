using System.Collections.Concurrent;
using Telemetry.Upload.Internal;

namespace Telemetry.Upload.Sinks;

// Group commit: every batch is confirmed only after two fsyncs (its segment, then its index), several milliseconds on
// a loaded disk, while the uploader's shards hand in a batch each at the same time. Each writer queues its encoded
// batch and waits for the lock; whoever holds it writes every batch queued so far, commits each touched partition
// once, and completes them all, so the batches that queued during one commit share the next one.
public sealed partial class FileReportSink
{
    private readonly ConcurrentQueue<QueuedWrite> _queuedWrites = new();

    private async Task WriteQueuedAsync(QueuedWrite write, CancellationToken cancellationToken)
    {
        _queuedWrites.Enqueue(write);
        var acquired = false;
        try
        {
            await _gate.WaitAsync(cancellationToken);
            acquired = true;
        }
        catch (OperationCanceledException) when (write.TryAbandon())
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // The round that holds the lock has taken this batch: its outcome is this batch's, and its bytes must
            // stay valid until then.
        }

        if (acquired)
        {
            try
            {
                WriteRound();
            }
            finally
            {
                _gate.Release();
            }
        }

        await write.Completion;
    }

    // Under the lock: writes the queued batches, then commits each partition they touched.
    private void WriteRound()
    {
        var round = new List<QueuedWrite>();
        while (_queuedWrites.TryDequeue(out var queued))
        {
            if (queued.TryTake())
            {
                round.Add(queued);
            }
        }

        if (round.Count == 0)
        {
            return;
        }

        var touched = new HashSet<FilePartition>();
        var rented = new List<ReportBatchEncoder>();
        try
        {
            EnsureLocked();
            foreach (var group in round.SelectMany(w => w.Groups))
            {
                var partition = Partition(group.Partition);
                var fresh = group.Reports.Where(r => !partition.Contains(r.ReportId)).ToList();
                if (fresh.Count == 0)
                {
                    continue;
                }

                var bytes = fresh.Count == group.Reports.Count ? group.Member : Encode(fresh, rented);
                if (partition.ShouldRotate(_options, _time))
                {
                    partition.Rotate();
                }

                partition.Write(bytes.Span, fresh.Select(r => r.ReportId).ToArray(), _writerId, _time);
                touched.Add(partition);
            }

            foreach (var partition in touched)
            {
                partition.Commit();
                if (partition.ShouldRotate(_options, _time))
                {
                    partition.Rotate();
                }
            }

            foreach (var write in round)
            {
                write.Complete(null);
            }
        }
        catch (Exception exception)
        {
            foreach (var partition in touched)
            {
                partition.Discard();
            }

            AbandonBroken();

            var failure = exception is (IOException and not FileNotFoundException) or UnauthorizedAccessException
                ? new SinkUnavailableException($"The report directory {_root} cannot be written: {exception.Message}", exception)
                : exception;
            foreach (var write in round)
            {
                write.Complete(failure);
            }
        }
        finally
        {
            foreach (var encoder in rented)
            {
                _encoders.Return(encoder);
            }
        }
    }

    // A partition whose write failed part of the way is closed as it is and opened again by the next write, which
    // recovers it; closing it normally would publish the partial write under the segment's final name.
    private void AbandonBroken()
    {
        foreach (var broken in _partitions.Values.Where(p => p.Broken).ToList())
        {
            broken.Abandon();
            _partitions.Remove(broken.Directory);
        }
    }

    // The reports of one partition in a batch, and their encoded gzip member.
    private sealed record PartitionBatch(string Partition, List<BufferedReport> Reports, ReadOnlyMemory<byte> Member);

    private sealed class QueuedWrite(List<PartitionBatch> groups)
    {
        private const int Queued = 0;
        private const int Taken = 1;
        private const int Abandoned = 2;

        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _state;

        public List<PartitionBatch> Groups { get; } = groups;

        public Task Completion => _completion.Task;

        // A round takes the batch unless its writer gave up waiting first.
        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        // The writer gives up unless a round has taken the batch.
        public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;

        public void Complete(Exception? failure)
        {
            if (failure is null)
            {
                _completion.TrySetResult();
            }
            else
            {
                _completion.TrySetException(failure);
            }
        }
    }
}
