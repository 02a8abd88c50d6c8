using System.Collections.Immutable;
using PatternEngine.Definitions;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Definitions;

public sealed class DefinitionsBuiltInCodeTests
{
    private static PatternDefinition FanOut(int count) => new()
    {
        Name = "code",
        Version = "1",
        Source = SourceSpan.InCode("code"),
        Output = "s",
        Stages =
        [
            new FanOutStage
            {
                Id = "s",
                Count = count,
                Source = SourceSpan.InCode("code"),
                Body = new PromptSpec { Template = "hi", Source = SourceSpan.InCode("code") },
            },
        ],
    };

    [Fact]
    public void A_definition_built_in_code_is_checked_when_compiled()
    {
        var compiler = Engines.For(new ScriptedChatClient(_ => "x"));

        var error = Assert.Throws<PatternFileException>(() => compiler.Compile(FanOut(0)));

        Assert.Contains("fan-out count 0 is out of range", Assert.Single(error.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_definition_built_in_code_compiles() =>
        Assert.Equal(["s"], Engines.For(new ScriptedChatClient(_ => "x")).Compile(FanOut(3)).Plan.Stages.Select(s => s.Id));

    [Fact]
    public void A_tool_no_plugin_provides_is_reported_at_compile_time()
    {
        var definition = FanOut(1) with
        {
            Stages = [new PromptStage { Id = "s", Source = SourceSpan.InCode("code"), Prompt = new PromptSpec { Template = "x", Tools = ["math.nope"], Source = SourceSpan.InCode("code") } }],
        };

        var error = Assert.Throws<PatternFileException>(() => Engines.For(new ScriptedChatClient(_ => "x")).Compile(definition));

        Assert.Contains("names tool 'math.nope', which no plugin provides", Assert.Single(error.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_are_immutable_values()
    {
        var original = FanOut(2);
        var changed = original with { Output = "other" };

        Assert.Equal("s", original.Output);
        Assert.NotEqual(original, changed);
        Assert.IsType<ImmutableArray<StageDefinition>>(original.Stages);
    }
}
