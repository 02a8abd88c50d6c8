using PatternEngine.Compilation;
using PatternEngine.Schemas;

namespace PatternEngine.Definitions.Validation;

/// <summary>A prompt's templates parse and read only declared names; its extraction and output schema are valid.</summary>
internal static class PromptChecks
{
    public static void Run(ValidationContext context, StageDefinition stage, PromptSlot slot)
    {
        var prompt = slot.Prompt;
        ScriptCheck.Run(context, stage, prompt.Template, "template", prompt.Source.Of("template"), slot.Locals, $"this {slot.Field}");
        if (prompt.System is not null)
        {
            ScriptCheck.Run(context, stage, prompt.System, "system", prompt.Source.Of("system"), slot.Locals, $"this {slot.Field}");
        }

        if (prompt.Extract is { Regex: { } regex })
        {
            RegexCheck.Run(context, regex, prompt.Source.Of("extract"), "extract.regex");
        }

        if (prompt.Extract is { JsonPath: { } path })
        {
            CheckJsonPath(context, path, prompt.Source.Of("extract"));
        }

        if (prompt.OutputSchema is { } schema)
        {
            CheckOutputSchema(context, schema, prompt.Source.Of("output_schema"));
        }
    }

    private static void CheckJsonPath(ValidationContext context, string path, SourceLocation at)
    {
        if (AnswerJsonPath.Problem(path) is { } problem)
        {
            context.Report(at, $"'extract.json_path' is not a valid JSON path: {problem}");
        }
    }

    private static void CheckOutputSchema(ValidationContext context, string schema, SourceLocation at)
    {
        try
        {
            _ = AnswerSchema.For(schema);
        }
        catch (InvalidSchemaException e)
        {
            context.Report(at, $"'output_schema' is not a usable JSON Schema: {e.Message}");
        }
    }
}
