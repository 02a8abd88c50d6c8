namespace PatternEngine.Models.Resilience;

/// <summary>
/// What the resilience middleware tells the measurement about each attempt. It sets these keys in the options of
/// the call it makes; <see cref="CallGuardChatClient"/>, inside the measurement, copies them onto the response's
/// additional properties or the failure's <see cref="Exception.Data"/>, where the measurement reads them.
/// </summary>
public static class ResilienceProperties
{
    /// <summary>Which try a call is (an <see cref="int"/>, 1 for the first); the same key the measurement reads.</summary>
    public const string AttemptKey = Measurement.CallAttempt.PropertyKey; // one key: the measurement reads what resilience stamps

    /// <summary>The logical model name whose failure made this call a fallback (a <see cref="string"/>).</summary>
    public const string FallbackFromKey = "pattern_engine.fallback_from";

    internal static bool IsOurs(string key) => key is AttemptKey or FallbackFromKey;
}
