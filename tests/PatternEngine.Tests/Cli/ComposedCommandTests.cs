using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PatternEngine.Selection;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary>Composed patterns and typed inputs from the command line, on the real embedded model.</summary>
[Collection(LocalModelCollection.Name)]
public sealed class ComposedCommandTests : IDisposable
{
    private const string Short = "stories260K-short";
    private const string Long = "stories260K-long";

    private const string Answer = """
        name: answer
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
            max_tokens: 256
        output: answer
        """;

    private const string TwoAnswers = """
        name: two-answers
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 2
            body: { pattern: answer.yaml, inputs: { question: "{{ question }}" } }
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<CliResult> Ok(params string[] args)
    {
        var result = await CliHarness.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static async Task<JsonObject> RunJsonAsync(params string[] args) =>
        Assert.IsType<JsonObject>(JsonNode.Parse((await Ok(["run", .. args, "--json"])).Out));

    private static IEnumerable<JsonObject> Flatten(JsonArray stages) =>
        stages.Select(s => s!.AsObject()).SelectMany(s => (s["stages"] is JsonArray nested ? Flatten(nested) : []).Prepend(s));

    [Fact]
    public async Task A_composed_built_in_nests_its_included_stages_and_its_sums_equal_the_per_call_log()
    {
        var log = Path.Combine(_dir.Path, "calls.log");

        var record = await RunJsonAsync("consistent-chain-of-thought", "-i", "question=What is 12 + 30?", "--log", log);

        var samples = record["stages"]![0]!.AsObject();
        var nested = samples["stages"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"samples[{i}].reasoning"), nested.Select(s => (string?)s["id"]));
        Assert.Empty(samples["call_records"]!.AsArray());
        var lines = File.ReadAllLines(log).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var calls = lines.Where(l => (string?)l["type"] == "call").ToList();
        var totals = record["totals"]!;
        Assert.Equal(5, calls.Count);
        Assert.Equal((int)totals["calls"]!, calls.Count);
        Assert.Equal((long)totals["input_tokens"]!, calls.Sum(c => (long)c["input_tokens"]!));
        Assert.Equal((long)totals["output_tokens"]!, calls.Sum(c => (long)c["output_tokens"]!));
        Assert.Equal((long)samples["input_tokens"]!, nested.Sum(s => (long)s["input_tokens"]!));
        Assert.Equal((long)samples["output_tokens"]!, nested.Sum(s => (long)s["output_tokens"]!));
        Assert.Equal(nested.Select(s => (string?)s["id"]).Order(), calls.Select(c => (string?)c["stage"]).Order());
        foreach (var stage in nested)
        {
            var call = calls.Single(c => (string?)c["stage"] == (string?)stage["id"]);
            Assert.Equal(((long)stage["input_tokens"]!, (long)stage["output_tokens"]!), ((long)call["input_tokens"]!, (long)call["output_tokens"]!));
        }
    }

    [Fact]
    public async Task A_composed_run_records_and_replays_from_a_cassette_with_qualified_stage_names()
    {
        var cassette = Path.Combine(_dir.Path, "calls.jsonl");
        var recorded = await RunJsonAsync("consistent-chain-of-thought", "-i", "question=Once upon a time", "--record", cassette);

        var replayed = await RunJsonAsync("consistent-chain-of-thought", "-i", "question=Once upon a time", "--replay", cassette);

        var stages = File.ReadAllLines(cassette).Select(l => (string?)JsonNode.Parse(l)!["stage"]).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"samples[{i}].reasoning"), stages);
        Assert.Equal(recorded["stages"]![0]!["output"]!.ToJsonString(), replayed["stages"]![0]!["output"]!.ToJsonString());
        Assert.Equal(5, (int)replayed["totals"]!["cached_calls"]!);
    }

    private const string Typed = """
        name: typed
        version: 1.0.0
        inputs:
          flag: { type: boolean, default: true }
          n: { type: number, default: 1 }
          items: { type: list, required: false }
        stages:
          - id: gated
            kind: prompt
            when: "flag"
            template: "Once upon a time"
            max_tokens: 4
          - id: counted
            kind: prompt
            when: "n > 9"
            template: "Tom had {{ n + 1 }} toys and {{ items.size }} cats"
            max_tokens: 4
        output: counted
        """;

    [Fact]
    public async Task Boolean_number_and_list_inputs_reach_when_and_templates_as_themselves()
    {
        var file = _dir.Write("typed.yaml", Typed);

        var record = await RunJsonAsync(file, "--input", "flag=false", "--input", "n=10", "--input", "items=[\"Tig\", \"Tom\"]");

        var stages = record["stages"]!.AsArray();
        Assert.True((bool)stages[0]!["skipped"]!);
        Assert.False((bool)stages[1]!["skipped"]!);
        Assert.Equal("Tom had 11 toys and 2 cats", (string?)stages[1]!["call_records"]![0]!["messages"]![0]!["text"]);

        var defaulted = await RunJsonAsync(file);
        var passed = await RunJsonAsync(file, "--input", "flag=true");
        Assert.False((bool)defaulted["stages"]![0]!["skipped"]!);
        Assert.Equal(passed["stages"]![0]!["call_records"]![0]!["messages"]!.ToJsonString(), defaulted["stages"]![0]!["call_records"]![0]!["messages"]!.ToJsonString());
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public async Task A_number_input_of_NaN_or_infinity_is_refused_in_one_line(string value)
    {
        var result = await CliHarness.RunAsync("run", _dir.Write("typed.yaml", Typed), "--input", "n=" + value);

        CliHarness.AssertInvalidInput(result);
        Assert.Equal($"error: input 'n' must be a finite number, not '{value}' (NaN and infinities are refused)", CliHarness.AssertOneErrorLine(result));
    }

    [Fact]
    public async Task Validate_checks_the_files_a_pattern_includes()
    {
        _dir.Write("answer.yaml", Answer.Replace("{{ question }}", "{{ nowhere }}", StringComparison.Ordinal));
        var outer = _dir.Write("two-answers.yaml", TwoAnswers);

        var invalid = await CliHarness.RunAsync("validate", outer);

        Assert.Equal(2, invalid.ExitCode);
        var line = Assert.Single(invalid.ErrorLines);
        Assert.StartsWith($"{outer}:9:22: included pattern 'answer.yaml' is invalid: ", line, StringComparison.Ordinal);
        Assert.Matches(@"answer\.yaml:8:19: undeclared variable 'nowhere'", line);

        _dir.Write("answer.yaml", Answer);
        Assert.Equal($"{outer}: valid", (await Ok("validate", outer)).Out.Trim());
    }

    [Fact]
    public async Task Bench_select_and_run_plan_treat_included_stages_like_any_other()
    {
        _dir.Write("answer.yaml", Answer);
        var pattern = _dir.Write("two-answers.yaml", TwoAnswers);
        var golden = _dir.Write("golden.jsonl", """
            {"id": "a", "inputs": {"question": "Once upon a time"}, "expected": "Lily", "scorer": "contains"}
            {"id": "b", "inputs": {"question": "The little girl"}, "expected": "Lily", "scorer": "contains"}
            """);
        var db = Path.Combine(_dir.Path, "history.db");
        var plans = Path.Combine(_dir.Path, "plans");
        var html = Path.Combine(_dir.Path, "bench.html");
        foreach (var model in new[] { Short, Long })
        {
            await Ok("bench", "-p", pattern, "-g", golden, "--model", model, "--repeats", "2", "--resamples", "100", "--db", db, "--html", html);
        }

        Assert.Contains("two-answers", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM stages n JOIN stages p ON p.id = n.parent_id WHERE p.stage = 'samples' AND n.stage LIKE 'samples[_].answer'";
            Assert.Equal(2L * 2 * 2 * 2, (long)command.ExecuteScalar()!); // 2 models x 2 cases x 2 repeats x 2 samples
        }

        var selected = await Ok("select", pattern, "--mode", "fast", "--db", db, "--candidates", $"{Short},{Long}", "--plans", plans);
        Assert.Contains("samples[*].answer", selected.Out, StringComparison.Ordinal);
        Assert.Contains("measured", selected.Out, StringComparison.Ordinal);
        var planFile = Path.Combine(plans, "two-answers.plan.yaml");
        var plan = RoutingPlanFile.Load(planFile);
        Assert.Equal(["samples[*].answer", "vote"], plan.Stages.Select(s => s.Stage));
        var chosen = plan.Stages[0];
        Assert.Equal(Short, chosen.Model);
        Assert.Contains("4 runs", chosen.Rationale, StringComparison.Ordinal); // 2 cases x 2 repeats, each run's two samples as one

        var run = await RunJsonAsync(pattern, "--input", "question=Once upon a time", "--plan", planFile);
        var calls = Flatten(run["stages"]!.AsArray()).SelectMany(s => s["call_records"]!.AsArray()).Select(c => c!).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal((Short, Short), ((string?)c["route"], (string?)c["model"])));
        Assert.All(calls, c => Assert.InRange((int)c["output_tokens"]!, 1, 4));

        var slow = _dir.Write("slow.plan.yaml", RoutingPlanFile.Write(plan with { Stages = [plan.Stages[0] with { Model = Long }, plan.Stages[1]] }));
        var compared = await Ok("compare", "--plan", planFile, "--plan", slow, "-g", golden, "--pattern", pattern, "--repeats", "1", "--resamples", "100");
        Assert.Contains(compared.OutLines, l => l.Contains("max_latency_p95_ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plan_naming_a_stage_the_included_pattern_lacks_is_refused_in_one_line()
    {
        _dir.Write("answer.yaml", Answer);
        var pattern = _dir.Write("two-answers.yaml", TwoAnswers);
        var plan = _dir.Write("bad.plan.yaml", RoutingPlanFile.Write(new RoutingPlan
        {
            Pattern = "two-answers",
            PatternHash = PatternEngine.Bench.BenchEntry.HashFile(pattern),
            Mode = RoutingMode.Fast,
            Slo = new Slo(),
            Stages = [new PlannedStage { Stage = "samples[*].reasoning", Model = Short }],
        }));

        var result = await CliHarness.RunAsync("run", pattern, "--input", "question=x", "--plan", plan);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("the plan routes stage 'samples[*].reasoning', which 'two-answers' does not have", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }
}
