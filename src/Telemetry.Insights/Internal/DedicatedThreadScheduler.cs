using System.Collections.Concurrent;

namespace Telemetry.Insights.Internal;

/// <summary>
/// Runs tasks, and the continuations they await, on one thread of its own, in the order they are queued. Work that
/// blocks in native code runs there instead of holding thread-pool threads.
/// </summary>
internal sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _tasks = [];
    private readonly Thread _thread;

    public DedicatedThreadScheduler(string threadName)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>
    /// Runs <paramref name="work"/> on the thread; its awaits resume there too. The caller's awaits do not: a task
    /// that completes on a scheduler other than the default one queues their continuations to the thread pool.
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Lets the queued tasks finish and stops the thread.</summary>
    public void Dispose()
    {
        _tasks.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _tasks.Dispose();
    }

    protected override void QueueTask(Task task) => _tasks.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

    private void Run()
    {
        foreach (var task in _tasks.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
