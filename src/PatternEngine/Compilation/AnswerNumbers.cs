using System.Globalization;
using System.Text.RegularExpressions;

namespace PatternEngine.Compilation;

/// <summary>Finds numbers written in an answer: an optional minus, digits with optional thousands commas, optional decimals.</summary>
internal static partial class AnswerNumbers
{
    // A minus counts only where no letter or digit precedes it, so "3-5" reads as 3 and 5, not 3 and -5.
    // Thousands groups need exactly three digits, so "1,234" is one number and "1,2" two.
    [GeneratedRegex(@"(?:(?<![\w.])-)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>The last number in the text, or null when it holds none.</summary>
    public static double? Last(string text) => LastWritten(text) is { } number ? Parse(number) : null;

    /// <summary>The last number in the text as it is written (<c>5,025</c>), or null when it holds none.</summary>
    public static string? LastWritten(string text)
    {
        (int Index, int Length)? last = null;
        foreach (var match in NumberPattern().EnumerateMatches(text))
        {
            last = (match.Index, match.Length);
        }

        return last is { } found ? text.Substring(found.Index, found.Length) : null;
    }

    /// <summary>The text as one number (surrounding spaces allowed), or null when it is anything else.</summary>
    public static double? Whole(string text) => WholeWritten(text) is { } number ? Parse(number) : null;

    /// <summary>
    /// The text as one number in a canonical form (<c>5,025</c> and <c>5025.0</c> are both <c>5025</c>), or null when
    /// it is anything else; equal numbers written differently get the same form.
    /// </summary>
    public static string? Canonical(string text) =>
        WholeWritten(text) is { } number
        && decimal.TryParse(number.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
            : null;

    private static string? WholeWritten(string text)
    {
        var trimmed = text.Trim();
        var match = NumberPattern().Match(trimmed);
        return match.Success && match.Index == 0 && match.Length == trimmed.Length ? match.Value : null;
    }

    private static double Parse(string number) =>
        double.Parse(number.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
