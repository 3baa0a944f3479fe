namespace Telemetry.CrashSample;

/// <summary>The code that fails: its exception's message quotes a customer, which no crash report may carry.</summary>
internal static class OrderProcessor
{
    public static void Charge(string customer) =>
        throw new InvalidOperationException($"The card of {customer} was declined.");
}
