using PatternEngine.Execution;

namespace PatternEngine.Definitions.Validation;

/// <summary>An input's default is a value of its type: a finite number, true or false, a list.</summary>
internal static class InputChecks
{
    public static void Run(ValidationContext context)
    {
        foreach (var input in context.Pattern.Inputs)
        {
            if (input.Default is { } text && InputValues.FromText(input.Type, text, out var problem) is null)
            {
                context.Report(input.Source.Of("default"), $"the default of input '{input.Name}' {problem}; give {InputValues.Describe(input.Type)}, as its type says");
            }
        }
    }
}
