using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>Turns an exception into a crash report: its type and source location, never its message.</summary>
internal static class CrashReports
{
    /// <summary>
    /// Describes <paramref name="exception"/> by its type and the innermost frame with a source file (the file
    /// name only: directories name users' folders), or the innermost frame's method when the program has no symbols.
    /// The message is left out: it may quote user data.
    /// </summary>
    public static CrashReport Describe(Exception exception)
    {
        var type = exception.GetType();
        var crash = new CrashReport { ErrorType = type.FullName ?? type.Name };
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        var frame = frames.FirstOrDefault(f => !string.IsNullOrEmpty(f.GetFileName())) ?? frames.FirstOrDefault();
        if (frame is null)
        {
            return crash;
        }

        if (frame.GetFileName() is { Length: > 0 } file)
        {
            crash.SourceFile = Path.GetFileName(file);
            crash.SourceLine = (uint)Math.Max(0, frame.GetFileLineNumber());
        }

        if (frame.GetMethod() is { } method)
        {
            crash.Function = method.DeclaringType is { } declaring ? $"{declaring.FullName}.{method.Name}" : method.Name;
        }

        return crash;
    }

    /// <summary>
    /// Replaces the payload of <paramref name="report"/> by one carrying only <paramref name="crash"/>: Qdrant's in
    /// its own shape (a <c>crash_reports</c> entry whose backtrace reads "T in file X at line Y", as Qdrant's
    /// reporter writes it), every other product's in its <c>crash</c> field. The envelope is kept.
    /// </summary>
    public static void Apply(UsageReport report, CrashReport crash)
    {
        if (report.PayloadCase == UsageReport.PayloadOneofCase.Qdrant)
        {
            var qdrant = report.Qdrant;
            report.Qdrant = new QdrantReport
            {
                Id = qdrant.Id,
                App = qdrant.App,
                CrashReports = { new QdrantCrashReport { Id = qdrant.Id, Backtrace = Backtrace(crash) } },
            };
            return;
        }

        var field = PayloadField(report);
        var payload = (IMessage)field.MessageType.Parser.ParseFrom(ByteString.Empty);
        if (payload is GenericReport generic)
        {
            generic.Product = report.Generic.Product;
        }

        payload.Descriptor.FindFieldByName("crash").Accessor.SetValue(payload, crash);
        field.Accessor.SetValue(report, payload);
    }

    private static FieldDescriptor PayloadField(UsageReport report) =>
        UsageReport.Descriptor.FindFieldByNumber((int)report.PayloadCase);

    private static string Backtrace(CrashReport crash) => crash switch
    {
        { SourceFile.Length: > 0 } => string.Create(CultureInfo.InvariantCulture,
            $"{crash.ErrorType} in file {crash.SourceFile} at line {crash.SourceLine}"),
        { Function.Length: > 0 } => $"{crash.ErrorType} in method {crash.Function}",
        _ => crash.ErrorType,
    };
}
