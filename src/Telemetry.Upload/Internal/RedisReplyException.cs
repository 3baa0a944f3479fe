namespace Telemetry.Upload.Internal;

/// <summary>An error reply from Redis on an uploader's shard connection (<c>NOGROUP …</c>, <c>LOADING …</c>).</summary>
internal sealed class RedisReplyException : Exception
{
    public RedisReplyException()
    {
    }

    public RedisReplyException(string message)
        : base(message)
    {
    }

    public RedisReplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
