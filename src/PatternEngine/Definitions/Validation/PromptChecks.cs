using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using PatternEngine.Templates;
using Scriban;

namespace PatternEngine.Definitions.Validation;

/// <summary>A prompt's templates parse and read only declared names; its extraction and output schema are valid.</summary>
internal static class PromptChecks
{
    public static void Run(ValidationContext context, StageDefinition stage, PromptSlot slot)
    {
        var prompt = slot.Prompt;
        CheckTemplate(context, stage, slot, prompt.Template, "template");
        if (prompt.System is not null)
        {
            CheckTemplate(context, stage, slot, prompt.System, "system");
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

    private static void CheckTemplate(ValidationContext context, StageDefinition stage, PromptSlot slot, string text, string field)
    {
        var start = slot.Prompt.Source.Of(field);
        var template = Template.Parse(text);
        if (template.HasErrors)
        {
            foreach (var message in template.Messages)
            {
                var at = context.Locator.Locate(start, message.Span.Start.Line, message.Span.Start.Column);
                context.Report(at, $"the {field} of stage '{stage.Id}' is not valid Scriban: {message.Message}");
            }

            return;
        }

        foreach (var variable in TemplateVariables.Of(template))
        {
            var at = context.Locator.Locate(start, variable.Line, variable.Column);
            if (slot.Locals.Contains(variable.Name) || context.InputNames.Contains(variable.Name))
            {
                continue;
            }

            if (variable.Name == stage.Id)
            {
                context.Report(at, $"stage '{stage.Id}' reads its own value '{variable.Name}'; a stage can read inputs and other stages only");
            }
            else if (context.StagesById.ContainsKey(variable.Name))
            {
                context.AddDependency(stage, variable.Name, at);
            }
            else
            {
                var locals = slot.Locals.Count == 0 ? "" : $", or what this {slot.Field} binds ({string.Join(", ", slot.Locals)})";
                context.Report(at, $"undeclared variable '{variable.Name}' in the {field} of stage '{stage.Id}'; declare it under inputs or use a stage id ({context.KnownNames()}){locals}");
            }
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
