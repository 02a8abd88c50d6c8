namespace PatternEngine.Definitions.Validation;

/// <summary>Every mode's overrides name stages the pattern has, fields those stages have, and values in range.</summary>
internal static class ModeChecks
{
    public static void Run(ValidationContext context)
    {
        foreach (var (_, overrides) in context.Pattern.Modes)
        {
            context.Diagnostics.AddRange(overrides.Check(context.Pattern));
        }
    }
}
