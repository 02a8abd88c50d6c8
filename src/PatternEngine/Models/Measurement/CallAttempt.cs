using System.Globalization;

namespace PatternEngine.Models.Measurement;

/// <summary>
/// Which try of a call answered. A retrying middleware inside the measurement sets <see cref="PropertyKey"/> (an
/// integer, 1 for the first try) in the response's additional properties, or in the last failure's
/// <see cref="Exception.Data"/>; without it a call counts as answered at its first try.
/// </summary>
public static class CallAttempt
{
    /// <summary>The key of the additional property that holds the attempt number.</summary>
    public const string PropertyKey = "pattern_engine.attempt";

    /// <summary>The attempt a value under <see cref="PropertyKey"/> names, or 1 when it names none.</summary>
    internal static int Parse(object? value) => value switch
    {
        int n when n >= 1 => n,
        long n when n is >= 1 and <= int.MaxValue => (int)n,
        string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 => n,
        _ => 1,
    };
}
