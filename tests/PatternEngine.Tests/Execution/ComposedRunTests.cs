using System.Text.Json.Nodes;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;
using PatternEngine.Selection;
using PatternEngine.Tests.Cli;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Execution;

/// <summary>
/// Patterns that run other patterns: the value is the included pattern's output, the record nests its stages under
/// qualified ids, every call is measured once, and each sample or item runs with a seed of its own.
/// </summary>
public sealed class ComposedRunTests : IDisposable
{
    private const string Reason = """
        name: reason
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "reason: {{ question }}"
        output: answer
        """;

    private const string Doubler = """
        name: doubler
        version: 1.0.0
        inputs:
          n: { type: number }
          loud: { type: boolean, default: false }
        stages:
          - id: doubled
            kind: prompt
            template: "double {{ n * 2 }}{{ if loud }}!{{ end }}"
        output: doubled
        """;

    private const string Critique = """
        name: critique
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: draft
            kind: prompt
            template: "draft: {{ question }}"
          - id: refined
            kind: refine
            from: draft
            max_rounds: 1
            stop_when: ACCEPT
            critique: { template: "critique: {{ draft }}" }
            revise: { template: "revise: {{ draft }} / {{ critique }}" }
        output: refined
        """;

    private readonly TempDirectory _dir = new();

    public ComposedRunTests()
    {
        _dir.Write("reason.yaml", Reason);
        _dir.Write("doubler.yaml", Doubler);
        _dir.Write("critique.yaml", Critique);
    }

    public void Dispose() => _dir.Dispose();

    private PatternDefinition Load(string yaml) => PatternFile.Load(_dir.Write("outer.yaml", yaml), Patterns.WithBuiltIns);

    private CompiledPattern Compile(string yaml, ScriptedChatClient model) => Engines.For(model).Compile(Load(yaml));

    private Task<RunRecord> RunAsync(string yaml, ScriptedChatClient model, params (string Name, string Value)[] inputs) =>
        Compile(yaml, model).RunAsync(inputs.ToDictionary(i => i.Name, i => i.Value));

    private static IEnumerable<StageRecord> Flatten(IEnumerable<StageRecord> stages) => stages.SelectMany(s => Flatten(s.Stages).Prepend(s));

    private const string Reasoned = """
        name: outer
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: reasoned
            kind: pattern
            pattern: reason.yaml
            inputs: { question: "{{ question }}" }
          - id: final
            kind: prompt
            template: "final: {{ reasoned }}"
        output: final
        """;

    [Fact]
    public async Task A_pattern_stages_value_is_the_included_outputs_and_its_record_nests_the_included_stages()
    {
        var model = new ScriptedChatClient(r => "said " + r.Prompt);

        var record = await RunAsync(Reasoned, model, ("question", "why?"));

        Assert.Equal("said final: said reason: why?", record.Output.Text);
        var reasoned = record.Stages[0];
        Assert.Equal(("reasoned", "pattern", "said reason: why?"), (reasoned.Id, reasoned.Kind, reasoned.Output.Text));
        var nested = Assert.Single(reasoned.Stages);
        Assert.Equal(("reasoned.answer", "prompt", 1), (nested.Id, nested.Kind, nested.Calls));
        Assert.Equal("reasoned.answer", Assert.Single(nested.CallRecords).Stage);
        Assert.Empty(reasoned.CallRecords);
        Assert.Equal(("reason", "1.0.0"), ((string?)reasoned.Details!["pattern"], (string?)reasoned.Details["version"]));
    }

    [Fact]
    public async Task Every_call_is_counted_once_and_nested_totals_add_up()
    {
        var model = new ScriptedChatClient(r => "said " + r.Prompt);

        var record = await RunAsync(Reasoned, model, ("question", "why?"));

        var reasoned = record.Stages[0];
        var answer = reasoned.Stages[0];
        Assert.Equal(model.Requests.Count, record.Totals.Calls);
        Assert.Equal(2, record.AllCalls().Count());
        Assert.Equal((answer.Calls, answer.InputTokens, answer.OutputTokens), (reasoned.Calls, reasoned.InputTokens, reasoned.OutputTokens));
        Assert.Equal(record.Stages.Sum(s => s.InputTokens), record.Totals.InputTokens);
        Assert.Equal(record.AllCalls().Sum(c => c.InputTokens + c.OutputTokens), record.Totals.InputTokens + record.Totals.OutputTokens);
        Assert.Equal("scripted", reasoned.Model);
    }

    [Fact]
    public async Task The_json_record_nests_stages_only_under_a_stage_that_ran_a_pattern()
    {
        var record = await RunAsync(Reasoned, new ScriptedChatClient(r => "ok"), ("question", "why?"));

        var json = RunRecordJson.ToJson(record);
        var stages = json["stages"]!.AsArray();
        var nested = Assert.Single(stages[0]!["stages"]!.AsArray())!;
        Assert.Equal("reasoned.answer", (string?)nested["id"]);
        Assert.Single(nested["call_records"]!.AsArray());
        Assert.Empty(stages[0]!["call_records"]!.AsArray());
        Assert.False(stages[1]!.AsObject().ContainsKey("stages"));

        var figures = RunRecordJson.StageToJson(record.Stages[0], content: false);
        Assert.False(figures["stages"]![0]!.AsObject().ContainsKey("output"));
        Assert.False(figures["stages"]![0]!["call_records"]![0]!.AsObject().ContainsKey("messages"));
    }

    [Fact]
    public async Task The_log_names_each_calls_qualified_stage_and_its_lines_add_up_to_the_totals()
    {
        var file = Path.Combine(_dir.Path, "run.log");
        RunRecord record;
        using (var log = new JsonLinesRunLog(file))
        {
            record = await Compile(Reasoned, new ScriptedChatClient(r => "said " + r.Prompt))
                .RunAsync(new Dictionary<string, string> { ["question"] = "why?" }, new RunOptions { Log = log });
        }

        var lines = File.ReadAllLines(file).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var calls = lines.Where(l => (string?)l["type"] == "call").ToList();
        Assert.Equal(["reasoned.answer", "final"], calls.Select(c => (string?)c["stage"]));
        Assert.Equal(record.Totals.Calls, calls.Count);
        Assert.Equal(calls.Sum(c => (long)c["input_tokens"]!), record.Totals.InputTokens);
        var run = lines.Single(l => (string?)l["type"] == "run");
        var nested = run["stages"]![0]!["stages"]![0]!.AsObject();
        Assert.Equal("reasoned.answer", (string?)nested["id"]);
        Assert.False(nested.ContainsKey("call_records"));
    }

    private const string FiveSamples = """
        name: outer
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 5
            body:
              pattern: reason.yaml
              inputs: { question: "{{ question }} #{{ index }}" }
              temperature: 0.8
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    [Fact]
    public async Task A_fan_out_of_a_pattern_runs_it_per_sample_each_with_a_seed_of_its_own()
    {
        var model = new ScriptedChatClient(r => r.Prompt.EndsWith("#4", StringComparison.Ordinal) ? "no" : "yes");

        var record = await RunAsync(FiveSamples, model, ("question", "q"));

        Assert.Equal("yes", record.Output.Text);
        var samples = record.Stages[0];
        Assert.Equal(["samples[0].answer", "samples[1].answer", "samples[2].answer", "samples[3].answer", "samples[4].answer"], samples.Stages.Select(s => s.Id));
        Assert.Equal<string?>(["yes", "yes", "yes", "yes", "no"], samples.Output.AsList());
        Assert.Equal(5, samples.Calls);
        Assert.Equal("reason", (string?)samples.Details!["pattern"]);
        Assert.Equal(5, model.Requests.Select(r => r.Options!.Seed).Distinct().Count());
        Assert.All(model.Requests, r => Assert.Equal(0.8f, r.Options!.Temperature));
    }

    [Fact]
    public async Task The_same_seed_repeats_every_samples_seed_and_another_seed_changes_them()
    {
        async Task<List<(string, long?)>> SeedsAsync(int seed)
        {
            var model = new ScriptedChatClient(r => "x");
            await Compile(FiveSamples, model).RunAsync(new Dictionary<string, string> { ["question"] = "q" }, new RunOptions { Seed = seed });
            return [.. model.Requests.Select(r => (r.Prompt, r.Options!.Seed)).Order()];
        }

        var first = await SeedsAsync(7);

        Assert.Equal(first, await SeedsAsync(7));
        Assert.NotEqual(first.Select(s => s.Item2), (await SeedsAsync(8)).Select(s => s.Item2));
    }

    [Fact]
    public async Task Early_stopping_works_over_a_pattern_body()
    {
        var yaml = FiveSamples.Replace("    count: 5\n", "    count: 5\n    early_stop: true\n", StringComparison.Ordinal);
        var model = new ScriptedChatClient(r => "same");

        var record = await RunAsync(yaml, model, ("question", "q"));

        Assert.Equal(3, record.Stages[0].Calls);
        Assert.Equal(2, (int)record.Stages[0].Details!["samples_saved"]!);
        Assert.Equal(3, record.Stages[0].Stages.Length);
    }

    [Fact]
    public async Task A_map_of_a_pattern_runs_it_per_item_in_the_lists_order_with_the_item_bound()
    {
        var model = new ScriptedChatClient(async (r, ct) =>
        {
            // The first item answers last: the value keeps the list's order anyway.
            await Task.Delay(r.Prompt.Contains("alpha", StringComparison.Ordinal) ? 50 : 0, ct);
            return r.Prompt.StartsWith("draft", StringComparison.Ordinal) ? "draft of " + r.Prompt[7..]
                : r.Prompt.StartsWith("critique", StringComparison.Ordinal) ? "ACCEPT" : "?";
        });

        var record = await RunAsync("""
            name: outer
            version: 1.0.0
            inputs:
              points: { type: list }
            stages:
              - id: expanded
                kind: map
                over: points
                as: point
                body:
                  pattern: critique.yaml
                  inputs: { question: "{{ index }}: {{ point }}" }
              - id: joined
                kind: reduce
                from: expanded
                method: join
                separator: " | "
            output: joined
            """, model, ("points", "[\"alpha\", \"beta\"]"));

        Assert.Equal("draft of 0: alpha | draft of 1: beta", record.Output.Text);
        Assert.Equal(
            ["expanded[0].draft", "expanded[0].refined", "expanded[1].draft", "expanded[1].refined"],
            record.Stages[0].Stages.Select(s => s.Id));
        Assert.Equal(4, record.Stages[0].Calls);
    }

    [Fact]
    public async Task A_binding_that_is_one_expression_keeps_its_type()
    {
        var model = new ScriptedChatClient(r => r.Prompt);

        var record = await RunAsync("""
            name: outer
            version: 1.0.0
            inputs:
              count: { type: number }
              flag: { type: boolean, default: false }
            stages:
              - id: twice
                kind: pattern
                pattern: doubler.yaml
                inputs: { n: "{{ count + 1 }}", loud: "{{ !flag }}" }
            output: twice
            """, model, ("count", "10"));

        Assert.Equal("double 22!", record.Output.Text);
    }

    [Fact]
    public async Task Text_bindings_render_each_on_its_own()
    {
        _dir.Write("two-texts.yaml", """
            name: two-texts
            version: 1.0.0
            inputs:
              first: { type: string }
              second: { type: string }
            stages:
              - id: said
                kind: prompt
                template: "{{ first }} / {{ second }}"
            output: said
            """);

        var record = await RunAsync("""
            name: outer
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: both
                kind: pattern
                pattern: two-texts.yaml
                inputs: { first: "a {{ x = 'set'; question }}", second: "b {{ question }}" }
            output: both
            """, new ScriptedChatClient(r => r.Prompt), ("question", "q"));

        Assert.Equal("a q / b q", record.Output.Text);
    }

    [Fact]
    public async Task An_answer_that_does_not_fit_the_included_input_is_an_issue_and_runs_nothing()
    {
        var model = new ScriptedChatClient(r => "many");

        var record = await RunAsync("""
            name: outer
            version: 1.0.0
            stages:
              - id: count
                kind: prompt
                template: "how many?"
              - id: twice
                kind: pattern
                pattern: doubler.yaml
                inputs: { n: "{{ count }}" }
            output: twice
            """, model);

        var twice = record.Stages[1];
        Assert.Null(twice.Output.Text);
        Assert.Equal("input 'n' must be a number, not 'many'; pattern 'doubler' was not run", Assert.Single(twice.Issues));
        Assert.Equal((0, 1), (twice.Calls, model.Requests.Count));
    }

    private const string Checked = """
        name: outer
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: checked
            kind: pattern
            pattern: critique.yaml
            inputs: { question: "{{ question }}" }
        output: checked
        """;

    [Fact]
    public async Task A_model_override_sends_the_named_included_stage_to_that_model()
    {
        var record = await RunAsync(Checked.Replace("output: checked", "    models: { refined: judge }\noutput: checked", StringComparison.Ordinal), new ScriptedChatClient(r => "ok"), ("question", "q"));

        Assert.Equal(
            [("checked.draft", "default"), ("checked.refined", "judge"), ("checked.refined", "judge")],
            record.AllCalls().Select(c => (c.Stage, c.Route)));
    }

    [Fact]
    public async Task A_plan_routes_nested_stages_by_their_qualified_ids()
    {
        var definition = Load(Reasoned.Replace("output: final", """
              - id: samples
                kind: fan_out
                count: 2
                body: { pattern: reason.yaml, inputs: { question: "s{{ index }}" } }
            output: final
            """, StringComparison.Ordinal));

        var routed = StageModels.WithModels(definition, new Dictionary<string, string> { ["reasoned.answer"] = "big", ["samples[*].answer"] = "small", ["final"] = "big" });
        var record = await Engines.For(new ScriptedChatClient(r => "ok")).Compile(routed).RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.Equal(
            [("final", "big"), ("reasoned.answer", "big"), ("samples[0].answer", "small"), ("samples[1].answer", "small")],
            record.AllCalls().Select(c => (c.Stage, c.Route)).Order());
        Assert.Equal(["reasoned.answer", "final", "samples[*].answer"], QualifiedStages.Of(definition).Select(s => s.Id));
    }

    [Fact]
    public async Task One_model_for_every_stage_reaches_included_stages_too()
    {
        var definition = Load(Reasoned.Replace("inputs: { question: \"{{ question }}\" }", "inputs: { question: \"{{ question }}\" }\n    models: { answer: judge }", StringComparison.Ordinal));

        var record = await Engines.For(new ScriptedChatClient(r => "ok")).Compile(StageModels.WithModel(definition, "only"))
            .RunAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.Equal(["only", "only"], record.AllCalls().Select(c => c.Route));
    }

    [Fact]
    public async Task A_failing_included_call_fails_the_run_and_keeps_the_nested_records_measured()
    {
        var model = new ScriptedChatClient(r => r.Prompt.StartsWith("critique", StringComparison.Ordinal) ? throw new InvalidOperationException("provider down") : "ok");

        var error = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(Checked, model, ("question", "q")));

        Assert.Equal("stage 'checked' of 'outer' failed: stage 'checked.refined' of 'critique' failed: provider down", error.Message);
        var checkedStage = Assert.Single(error.Partial.Stages);
        Assert.Equal(["checked.draft", "checked.refined"], checkedStage.Stages.Select(s => s.Id));
        Assert.Equal(2, error.Partial.Totals.Calls);
        Assert.Equal("provider down", checkedStage.Stages[1].CallRecords.Single().Error);
        Assert.Contains("failed: stage 'checked.refined' of 'critique' failed: provider down", checkedStage.Issues);
    }

    [Fact]
    public async Task Patterns_nest_several_levels_deep_with_chained_ids()
    {
        _dir.Write("middle.yaml", """
            name: middle
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: inner
                kind: fan_out
                count: 2
                body: { pattern: reason.yaml, inputs: { question: "{{ question }}" } }
              - id: first
                kind: reduce
                from: inner
                method: first
            output: first
            """);

        var record = await RunAsync("""
            name: outer
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: outer
                kind: pattern
                pattern: middle.yaml
                inputs: { question: "{{ question }}" }
            output: outer
            """, new ScriptedChatClient(r => "ok"), ("question", "q"));

        Assert.Equal(
            ["outer", "outer.inner", "outer.inner[0].answer", "outer.inner[1].answer", "outer.first"],
            Flatten(record.Stages).Select(s => s.Id));
        Assert.Equal(2, record.Totals.Calls);
        Assert.Equal(["outer.inner[0].answer", "outer.inner[1].answer"], record.AllCalls().Select(c => c.Stage).Order());
    }

    [Fact]
    public void The_plan_lists_included_stages_under_their_qualified_ids_after_the_stage_that_runs_them()
    {
        var plan = Compile(FiveSamples, new ScriptedChatClient(r => "")).Plan;

        Assert.Equal(["samples", "samples[*].answer", "vote"], plan.Stages.Select(s => s.Id));
        var nested = plan.Stages[1];
        Assert.Equal(("prompt", 0, 0.8), (nested.Kind, nested.Wave, Assert.Single(nested.Prompts).Temperature));
    }

    [Fact]
    public void A_pattern_run_by_several_stages_is_compiled_once()
    {
        var compiled = Compile("""
            name: outer
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: one
                kind: pattern
                pattern: reason.yaml
                inputs: { question: "{{ question }}" }
              - id: many
                kind: fan_out
                count: 3
                body: { pattern: reason.yaml, inputs: { question: "{{ one }}" } }
              - id: other
                kind: pattern
                pattern: reason.yaml
                inputs: { question: "{{ question }}" }
                models: { answer: judge }
            output: many
            """, new ScriptedChatClient(r => ""));

        var included = compiled.Nodes.Select(n => n.Included!.Pattern).ToList();
        Assert.Same(included[0], included[1]);
        Assert.NotSame(included[0], included[2]); // other overrides, other pipeline
    }

    [Fact]
    public async Task A_refine_of_a_list_refines_every_item_with_seeds_of_its_own()
    {
        var model = new ScriptedChatClient(r => r.Prompt.StartsWith("critique", StringComparison.Ordinal) ? "fix it" : r.Prompt.Replace("revise ", "", StringComparison.Ordinal) + "+");

        var record = await RunAsync("""
            name: outer
            version: 1.0.0
            inputs:
              drafts: { type: list }
            stages:
              - id: refined
                kind: refine
                from: drafts
                max_rounds: 1
                stop_when: ACCEPT
                critique: { template: "critique {{ draft }}" }
                revise: { template: "revise {{ draft }}" }
              - id: vote
                kind: reduce
                from: refined
                method: join
                separator: ","
            output: vote
            """, model, ("drafts", "[\"a\", \"b\", \"c\"]"));

        Assert.Equal("a+,b+,c+", record.Output.Text);
        Assert.Equal(3, record.Stages[0].Details!["items"]!.AsArray().Count);
        Assert.Equal(6, model.Requests.Select(r => r.Options!.Seed).Distinct().Count());
    }

    private const string Recursing = "{{ func f; if $0 > 0; f($0 - 1); f($0 - 1); end; end; f 45; question }}";

    [Fact]
    public async Task A_binding_that_recurses_without_end_is_an_issue_within_the_limit_and_runs_nothing()
    {
        var model = new ScriptedChatClient(_ => "never");

        var record = await RunAsync(Reasoned.Replace("{{ question }}", Recursing, StringComparison.Ordinal), model, ("question", "why?"));

        Assert.Equal(
            "input 'question' could not be evaluated: it ran longer than 2 s; pattern 'reason' was not run",
            Assert.Single(record.Stages[0].Issues));
        Assert.All(model.Requests, r => Assert.DoesNotContain("reason:", r.Prompt, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_run_stops_a_binding_that_recurses_without_end_at_once()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var run = Compile(Reasoned.Replace("{{ question }}", Recursing, StringComparison.Ordinal), new ScriptedChatClient(_ => "never"));

        // Ignoring the cancellation would finish the run after the 2 s limit with an issue instead of this.
        var error = await Assert.ThrowsAsync<PatternRunException>(
            () => run.RunAsync(new Dictionary<string, string> { ["question"] = "q" }, cancellationToken: cancel.Token));

        Assert.Equal("cancelled before it finished", Assert.Single(error.Partial.Stages[0].Issues));
    }

    [Fact]
    public void An_included_file_over_the_size_limit_is_refused_with_its_location_unread()
    {
        _dir.Write("reason.yaml", "# " + new string('x', InputLimits.MaxYamlFileChars + 1));

        var error = Assert.Throws<PatternFileException>(() => Load(Reasoned));

        var diagnostic = Assert.Single(error.Diagnostics).ToString();
        Assert.EndsWith(
            "outer.yaml:8:14: included pattern 'reason.yaml' is invalid: " + Path.Combine(_dir.Path, "reason.yaml")
            + ":1:1: the pattern file is 1,048,579 bytes; it may be at most 1,048,576 (1 MiB)",
            diagnostic,
            StringComparison.Ordinal);
    }
}
