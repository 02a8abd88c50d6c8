using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

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
        try
        {
            _ = new JObject().SelectToken(path);
        }
        catch (JsonException e)
        {
            context.Report(at, $"'extract.json_path' is not a valid JSON path: {e.Message}");
        }
    }

    private static void CheckOutputSchema(ValidationContext context, string schema, SourceLocation at)
    {
        try
        {
            _ = JsonSchema.FromJsonAsync(schema).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            context.Report(at, $"'output_schema' is not a valid JSON Schema: {e.Message}");
        }
    }
}
