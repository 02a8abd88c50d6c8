using System.Text.Json.Nodes;
using PatternEngine.Definitions;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Definitions;

/// <summary>The file format's JSON Schema describes composition, so that editors complete and check it.</summary>
public sealed class FileFormatSchemaCompositionTests
{
    private static readonly JsonObject Definitions = JsonNode.Parse(PatternFile.JsonSchema)!["definitions"]!.AsObject();

    private static IEnumerable<string> Properties(string definition) =>
        Definitions[definition]!["properties"]!.AsObject().Select(p => p.Key);

    [Fact]
    public void The_pattern_stage_kind_and_its_fields_are_in_the_schema()
    {
        Assert.Contains("pattern", Definitions["stage"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(k => (string?)k));
        Assert.Equal(["id", "kind", "when", "pattern", "inputs", "models", "temperature"], Properties("pattern_stage"));
        Assert.Equal(["pattern", "inputs", "models", "temperature"], Properties("pattern_body"));
        Assert.NotNull(Definitions["pattern_name"]!["description"]);
    }

    [Fact]
    public void A_fan_out_or_map_body_is_a_prompt_or_a_pattern_body()
    {
        Assert.Equal("#/definitions/body", (string?)Definitions["fan_out_stage"]!["properties"]!["body"]!["$ref"]);
        Assert.Equal("#/definitions/body", (string?)Definitions["map_stage"]!["properties"]!["body"]!["$ref"]);
        Assert.Equal(
            ["#/definitions/prompt", "#/definitions/pattern_body"],
            Definitions["body"]!["oneOf"]!.AsArray().Select(b => (string?)b!["$ref"]));
    }

    [Theory]
    [InlineData("body: { pattern: chain-of-thought, temperature: 3 }", "'stages[0].body.temperature' 3 is out of range; the maximum is 2")]
    [InlineData("body: { pattern: \"\" }", "'stages[0].body.pattern' must not be empty")]
    [InlineData("body: { pattern: chain-of-thought, colour: red }", "unknown field 'colour' in 'stages[0].body'; allowed fields are pattern, inputs, models, temperature")]
    [InlineData("body: { pattern: chain-of-thought, inputs: { question: { nested: 1 } } }", "'stages[0].body.inputs.question' must be text, a number, true or false, or a list, not a mapping")]
    public void A_pattern_body_that_breaks_the_schema_is_reported_on_its_own_shape(string body, string message)
    {
        var diagnostics = Patterns.Diagnose($$$"""
            name: sampled
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: samples
                kind: fan_out
                count: 2
                {{{body}}}
            output: samples
            """);

        Assert.Contains(diagnostics, d => d.Message.Contains(message, StringComparison.Ordinal) && d.Location.Line == 9);
    }
}
