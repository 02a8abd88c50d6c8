using PatternEngine.Library;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Tools;

public sealed class ToolCallingReflexTests
{
    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    [Fact]
    public async Task The_built_in_pattern_calls_the_shipped_tools_through_the_text_protocol()
    {
        var model = new ScriptedChatClient(request => request.Number switch
        {
            0 => "CALL math.evaluate {\"expression\": \"12 + 30\"}",
            1 => "CALL facts.lookup {\"subject\": \"France\"}",
            _ => "42, and Paris.",
        });
        var compiled = Engines.For(model, b => b.AddPlugins(BuiltIns.Tools()))
            .Compile(BuiltIns.Load(BuiltIns.Resolve("tool-calling-reflex")));

        var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "What is 12 + 30, and the capital of France?" });

        var stage = Assert.Single(record.Stages);
        Assert.Equal("42, and Paris.", record.Output.Text);
        Assert.Equal(3, stage.Calls);
        var calls = stage.Details!["tool_calls"]!.AsArray();
        Assert.Equal("42", (string?)calls[0]!["result"]);
        Assert.Equal("The capital of France is Paris.", (string?)calls[1]!["result"]);
        Assert.Contains("math.evaluate(expression: string)", model.Requests.First().System, StringComparison.Ordinal);
        Assert.Contains("RESULT facts.lookup: The capital of France is Paris.", model.Requests.Last().Messages[^1].Text, StringComparison.Ordinal);
    }
}
