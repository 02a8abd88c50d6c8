using System.Diagnostics;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Catalog;
using PatternEngine.Telemetry;
using PatternEngine.Tests.Cli;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Telemetry;

/// <summary>
/// A run as an OpenTelemetry user sees it: a span per run, per stage and per model call, nested as the run record
/// nests them (an included pattern's run under the stage that runs it), and metrics whose figures are the record's.
/// </summary>
public sealed class RunTelemetryTests : IDisposable
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
            max_tokens: 32
            temperature: 0.7
        output: answer
        """;

    private static readonly ModelCatalog Prices = ModelCatalog.Parse("""
        models:
          - { id: scripted, input_per_million: 2, output_per_million: 8 }
        """);

    private readonly TempDirectory _dir = new();

    public RunTelemetryTests() => _dir.Write("reason.yaml", Reason);

    public void Dispose() => _dir.Dispose();

    // Three samples, each an included pattern's run of one call, a vote, and one more call.
    private PatternDefinition FanOut(string name) => PatternFile.Load(_dir.Write(name + ".yaml", $$$"""
        name: {{{name}}}
        version: 2.1.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 3
            body: { pattern: reason.yaml, inputs: { question: "{{ question }} #{{ index }}" } }
          - id: vote
            kind: reduce
            from: samples
            method: vote
          - id: check
            kind: prompt
            template: "check {{ vote }}"
        output: check
        """));

    private static async Task<RunRecord> RunAsync(PatternDefinition definition, Action<PatternEngineBuilder>? configure = null)
    {
        using var engine = Engines.For(new ScriptedChatClient(r => "the answer is 42"), configure ?? (engine => engine.WithCatalog(Prices)));
        return await engine.Compile(definition).RunAsync(new Dictionary<string, string> { ["question"] = "six times seven?" });
    }

    [Fact]
    public async Task A_run_is_a_span_with_its_stages_under_it_and_an_included_patterns_runs_under_the_stage_that_runs_them()
    {
        using var capture = new TelemetryCapture();
        var name = TelemetryCapture.UniqueName("fan-out");

        var record = await RunAsync(FanOut(name));

        var run = Assert.Single(capture.Spans("run " + name));
        Assert.Equal(ActivityKind.Internal, run.Kind);
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        Assert.Equal((name, "2.1.0", 42, "finished"), (run.GetTagItem(TelemetryAttributes.Pattern), run.GetTagItem(TelemetryAttributes.PatternVersion), run.GetTagItem(TelemetryAttributes.RunSeed), run.GetTagItem(TelemetryAttributes.RunStatus)));
        Assert.Equal(
            (record.Totals.Calls, record.Totals.InputTokens, record.Totals.OutputTokens, (double)record.Totals.CostUsd),
            (run.GetTagItem(TelemetryAttributes.Calls), run.GetTagItem(TelemetryAttributes.InputTokens), run.GetTagItem(TelemetryAttributes.OutputTokens), run.GetTagItem(TelemetryAttributes.CostUsd)));

        var stages = capture.Spans().Where(s => s.ParentSpanId == run.SpanId).ToList();
        Assert.Equal(["stage check", "stage samples", "stage vote"], stages.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        var samples = stages.Single(s => s.DisplayName == "stage samples");
        Assert.Equal(("samples", "fan_out", false, 3), (samples.GetTagItem(TelemetryAttributes.Stage), samples.GetTagItem(TelemetryAttributes.StageKind), samples.GetTagItem(TelemetryAttributes.StageSkipped), samples.GetTagItem(TelemetryAttributes.Calls)));

        var included = capture.Spans("run reason");
        Assert.Equal(3, included.Count);
        Assert.All(included, r => Assert.Equal((samples.SpanId, true), (r.ParentSpanId, r.GetTagItem(TelemetryAttributes.RunNested))));
        var includedStages = capture.Spans("stage answer");
        Assert.Equal(["samples[0].answer", "samples[1].answer", "samples[2].answer"], includedStages.Select(s => (string)s.GetTagItem(TelemetryAttributes.Stage)!).Order(StringComparer.Ordinal));
        Assert.All(includedStages, s => Assert.Contains(included, r => r.SpanId == s.ParentSpanId));
    }

    [Fact]
    public async Task Each_model_call_is_a_GenAI_span_under_its_stage_with_the_figures_of_its_record()
    {
        using var capture = new TelemetryCapture();
        var name = TelemetryCapture.UniqueName("calls");

        var record = await RunAsync(FanOut(name));

        var calls = capture.Spans("chat scripted");
        Assert.Equal(record.Totals.Calls, calls.Count);
        var stagesById = capture.Spans().Where(s => s.DisplayName.StartsWith("stage ", StringComparison.Ordinal)).ToDictionary(s => (string)s.GetTagItem(TelemetryAttributes.Stage)!);
        foreach (var expected in record.AllCalls())
        {
            var span = Assert.Single(calls, c => Equals(c.GetTagItem(TelemetryAttributes.Stage), expected.Stage));
            Assert.Equal(stagesById[expected.Stage].SpanId, span.ParentSpanId);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(("chat", "scripted", "scripted", "scripted"), (span.GetTagItem("gen_ai.operation.name"), span.GetTagItem("gen_ai.provider.name"), span.GetTagItem("gen_ai.request.model"), span.GetTagItem("gen_ai.response.model")));
            Assert.Equal((expected.InputTokens, expected.OutputTokens), (span.GetTagItem("gen_ai.usage.input_tokens"), span.GetTagItem("gen_ai.usage.output_tokens")));
            Assert.Equal((name, 1, "live", false, "default"), (span.GetTagItem(TelemetryAttributes.Pattern), span.GetTagItem(TelemetryAttributes.CallAttempt), span.GetTagItem(TelemetryAttributes.CallSource), span.GetTagItem(TelemetryAttributes.CallCached), span.GetTagItem(TelemetryAttributes.CallRoute)));
            Assert.Equal((double?)expected.CostUsd, span.GetTagItem(TelemetryAttributes.CostUsd));
            Assert.Equal(expected.LatencyMs, span.GetTagItem(TelemetryAttributes.CallLatencyMs));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }

        var sample = Assert.Single(calls, c => Equals(c.GetTagItem(TelemetryAttributes.Stage), "samples[0].answer"));
        Assert.Equal((32, 0.7f), (sample.GetTagItem("gen_ai.request.max_tokens"), sample.GetTagItem("gen_ai.request.temperature")));
    }

    [Fact]
    public async Task The_metrics_add_up_to_the_run_records_figures()
    {
        using var capture = new TelemetryCapture();
        var name = TelemetryCapture.UniqueName("metrics");

        var record = await RunAsync(FanOut(name));

        var calls = record.AllCalls().ToList();
        var input = Assert.Single(capture.Values("gen_ai.client.token.usage", name), v => Equals(v["gen_ai.token.type"], "input"));
        var output = Assert.Single(capture.Values("gen_ai.client.token.usage", name), v => Equals(v["gen_ai.token.type"], "output"));
        Assert.Equal((record.Totals.InputTokens, (long)calls.Count), ((long)input.Sum, input.Count));
        Assert.Equal((record.Totals.OutputTokens, (long)calls.Count), ((long)output.Sum, output.Count));
        Assert.Equal(("chat", "scripted", "scripted", "live"), (input["gen_ai.operation.name"], input["gen_ai.request.model"], input["gen_ai.response.model"], input[TelemetryAttributes.CallSource]));

        var duration = Assert.Single(capture.Values("gen_ai.client.operation.duration", name));
        Assert.Equal(calls.Count, duration.Count);
        Assert.Equal(calls.Sum(c => c.LatencyMs) / 1000, duration.Sum, 9);

        var counted = Assert.Single(capture.Values("pattern_engine.calls", name));
        Assert.Equal((calls.Count, "live", true), ((int)counted.Sum, counted[TelemetryAttributes.CallSource], counted[TelemetryAttributes.CallPriced]));
        Assert.Equal((double)record.Totals.CostUsd, Assert.Single(capture.Values("pattern_engine.cost", name)).Sum, 12);

        var runs = Assert.Single(capture.Values("pattern_engine.runs", name));
        Assert.Equal((1, "finished"), ((int)runs.Sum, runs[TelemetryAttributes.RunStatus]));
        var wall = Assert.Single(capture.Values("pattern_engine.run.duration", name));
        Assert.Equal((record.Totals.WallMs / 1000, 1L), (wall.Sum, wall.Count));
    }

    [Fact]
    public async Task A_warm_up_run_reports_nothing()
    {
        using var capture = new TelemetryCapture();
        var name = TelemetryCapture.UniqueName("warm-up");
        using var engine = Engines.For(new ScriptedChatClient(r => "42"));
        var compiled = engine.Compile(FanOut(name));

        await compiled.WarmUpAsync(new Dictionary<string, string> { ["question"] = "q" });

        Assert.Empty(capture.Spans());
        Assert.Empty(capture.Values("pattern_engine.runs", name));
        Assert.Empty(capture.Values("gen_ai.client.token.usage", name));
    }

    [Fact]
    public async Task Prompts_and_answers_stay_off_the_spans_unless_asked_for()
    {
        using var capture = new TelemetryCapture();
        var quiet = TelemetryCapture.UniqueName("quiet");
        var told = TelemetryCapture.UniqueName("told");

        await RunAsync(Patterns.AskQuestion(quiet));
        await RunAsync(Patterns.AskQuestion(told), engine => engine.CaptureMessageContent());

        var spans = capture.Spans("chat scripted");
        var withoutContent = Assert.Single(spans, s => Equals(s.GetTagItem(TelemetryAttributes.Pattern), quiet));
        Assert.DoesNotContain(withoutContent.TagObjects, t => t.Value is string text && text.Contains("six times seven", StringComparison.Ordinal));
        Assert.Null(withoutContent.GetTagItem("gen_ai.input.messages"));
        var withContent = Assert.Single(spans, s => Equals(s.GetTagItem(TelemetryAttributes.Pattern), told));
        Assert.Equal("""[{"role":"user","parts":[{"type":"text","content":"six times seven?"}]}]""", withContent.GetTagItem("gen_ai.input.messages"));
        Assert.Equal("""[{"role":"assistant","parts":[{"type":"text","content":"the answer is 42"}],"finish_reason":"stop"}]""", withContent.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task A_streamed_call_keeps_its_span_and_its_records_figures()
    {
        using var capture = new TelemetryCapture();
        var name = TelemetryCapture.UniqueName("streamed");

        var record = await RunAsync(Patterns.AskQuestion(name), engine => engine.UseStreaming());

        var call = Assert.Single(capture.Spans("chat scripted"));
        var expected = Assert.Single(record.AllCalls());
        Assert.Equal((true, expected.InputTokens, expected.OutputTokens), (call.GetTagItem("gen_ai.request.stream"), call.GetTagItem("gen_ai.usage.input_tokens"), call.GetTagItem("gen_ai.usage.output_tokens")));
        Assert.Equal(Assert.Single(capture.Spans("stage answer")).SpanId, call.ParentSpanId);
    }
}
