using System.Text.RegularExpressions;

namespace PatternEngine.Definitions.Validation;

/// <summary>A regular expression in a file compiles.</summary>
internal static class RegexCheck
{
    public static void Run(ValidationContext context, string pattern, SourceLocation at, string field)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            context.Report(at, $"'{field}' is not a valid regular expression: {e.Message}");
        }
    }
}
