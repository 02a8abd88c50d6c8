using System.Text.RegularExpressions;

namespace PatternEngine.Stages.Tournament;

/// <summary>Reads which candidate a judge chose: the first standalone A or B (optionally "Candidate A").</summary>
internal static partial class JudgeVerdict
{
    /// <summary>'A', 'B', or null when the reply names neither (or is too long to read in time).</summary>
    public static char? Parse(string reply)
    {
        try
        {
            var match = Choice().Match(reply);
            return match.Success ? match.Groups[1].Value[0] : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\b([AB])\b", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Choice();
}
