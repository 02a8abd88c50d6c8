using PatternEngine.Definitions;
using PatternEngine.Definitions.FieldOverrides;
using PatternEngine.Execution;
using PatternEngine.Library;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Definitions.FieldOverrides;

/// <summary>A pattern's <c>modes:</c>: read and checked with the file, applied by name, and named in the run's record.</summary>
public sealed class PatternModesTests
{
    private static readonly PatternLibrary Library = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private const string Moded = """
        name: moded
        version: 1.0.0
        inputs:
          question: { type: string }
        modes:
          fast:
            samples: { count: 2, max_tokens: 8 }
          thorough:
            samples: { count: 6 }
        stages:
          - id: samples
            kind: fan_out
            count: 4
            body: { template: "{{ question }}", temperature: 0.7 }
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    [Fact]
    public void A_mode_applies_its_overrides_and_says_which_mode_the_definition_is_in()
    {
        var definition = PatternFile.Parse(Moded, "moded.yaml");

        var fast = PatternModes.Apply(definition, "fast");

        Assert.Equal(["fast", "thorough"], definition.Modes.Keys);
        Assert.Null(definition.Mode);
        Assert.Equal("fast", fast.Mode);
        var samples = Assert.IsType<FanOutStage>(fast.Stages[0]);
        Assert.Equal(2, samples.Count);
        Assert.Equal(8, samples.Body!.MaxTokens);
        Assert.Equal(6, Assert.IsType<FanOutStage>(PatternModes.Apply(definition, "thorough").Stages[0]).Count);
    }

    [Fact]
    public void An_unknown_mode_is_reported_at_the_patterns_modes_naming_those_it_declares()
    {
        var definition = PatternFile.Parse(Moded, "moded.yaml");

        var error = Assert.Throws<PatternFileException>(() => PatternModes.Apply(definition, "standard"));

        Assert.Equal("moded.yaml:6:3: pattern 'moded' has no mode 'standard'; it declares fast, thorough", Assert.Single(error.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("samples: { count: 99 }", "moded.yaml:7:23: samples.count takes a whole number from 1 to 64, not '99'")]
    [InlineData("vote: { count: 3 }", "moded.yaml:7:20: stage 'vote' is a reduce stage, which has no field 'count'; it has none an override can set")]
    [InlineData("nowhere: { count: 3 }", "moded.yaml:7:23: pattern 'moded' has no stage 'nowhere'; its stages are 'samples', 'vote'")]
    public void A_mode_that_does_not_fit_the_pattern_is_reported_where_it_was_written(string fast, string expected)
    {
        var yaml = Moded.Replace("samples: { count: 2, max_tokens: 8 }", fast, StringComparison.Ordinal);

        var error = Assert.Throws<PatternFileException>(() => PatternFile.Parse(yaml, "moded.yaml"));

        Assert.Equal(expected, Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void A_field_a_mode_cannot_set_is_a_schema_error()
    {
        var yaml = Moded.Replace("samples: { count: 2, max_tokens: 8 }", "samples: { stop_when: x }", StringComparison.Ordinal);

        var error = Assert.Throws<PatternFileException>(() => PatternFile.Parse(yaml, "moded.yaml"));

        Assert.Contains(error.Diagnostics, d => d.Location.Line == 7 && d.Message.Contains("stop_when", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("self-consistency", "fast", 3)]
    [InlineData("self-consistency", "standard", 5)]
    [InlineData("self-consistency", "thorough", 9)]
    public void Self_consistency_samples_fewer_when_fast_and_more_when_thorough(string pattern, string mode, int count) =>
        Assert.Equal(count, Assert.IsType<FanOutStage>(PatternModes.Apply(Library.Load(Library.Resolve(pattern)), mode).Stages[0]).Count);

    [Theory]
    [InlineData("fast", 1)]
    [InlineData("standard", 2)]
    [InlineData("thorough", 4)]
    public void Self_critique_critiques_fewer_rounds_when_fast_and_more_when_thorough(string mode, int rounds) =>
        Assert.Equal(rounds, Assert.IsType<RefineStage>(PatternModes.Apply(Library.Load(Library.Resolve("self-critique")), mode).Stages[1]).MaxRounds);

    [Fact]
    public async Task A_run_in_a_mode_makes_that_modes_calls_and_its_record_and_json_name_the_mode()
    {
        var calls = 0;
        var compiled = Engines.For(new ScriptedChatClient(_ => { Interlocked.Increment(ref calls); return "Answer: 4"; })).Compile(PatternFile.Parse(Moded, "moded.yaml"));

        var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "2+2?" }, new RunOptions { Mode = "thorough" });

        Assert.Equal("thorough", record.Mode);
        Assert.Equal(6, calls);
        Assert.Equal("thorough", RunRecordJson.ToJson(record)["mode"]!.GetValue<string>());
        Assert.Same(compiled.WithMode("thorough"), compiled.WithMode("thorough"));
        Assert.Null((await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "2+2?" })).Mode);
    }

    [Fact]
    public async Task A_run_in_a_mode_the_pattern_does_not_declare_is_bad_input()
    {
        var compiled = Engines.For(new ScriptedChatClient(_ => "x")).Compile(PatternFile.Parse(Moded, "moded.yaml"));

        await Assert.ThrowsAsync<PatternFileException>(() => compiled.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, new RunOptions { Mode = "nope" }));
    }
}
