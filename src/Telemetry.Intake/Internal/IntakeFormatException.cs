namespace Telemetry.Intake.Internal;

/// <summary>A request body that is not the vendor's format; answered 400 with the field and the reason.</summary>
internal sealed class IntakeFormatException : Exception
{
    public IntakeFormatException(string field, string message, Exception? innerException = null)
        : base($"{field}: {message}", innerException)
    {
        Field = field;
    }

    /// <summary>The offending field in the vendor's naming, or <c>body</c>.</summary>
    public string Field { get; }
}
