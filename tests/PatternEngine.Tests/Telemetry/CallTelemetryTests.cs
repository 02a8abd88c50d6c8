using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PatternEngine.Execution;
using PatternEngine.Models.Recording;
using PatternEngine.Telemetry;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Telemetry;

/// <summary>
/// Calls that do not simply answer, as telemetry reports them: a failed attempt and its retry, a fallback, calls a
/// replayed cassette answers, a request the cassette does not hold; with the log events a production user watches.
/// </summary>
public sealed class CallTelemetryTests : IDisposable
{
    private readonly string _cassette = Path.Combine(Path.GetTempPath(), "telemetry-cassette-" + Guid.NewGuid().ToString("N") + ".jsonl");
    private readonly FakeLogCollector _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public CallTelemetryTests() =>
        _loggerFactory = LoggerFactory.Create(log => log.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));

    public void Dispose()
    {
        _loggerFactory.Dispose();
        File.Delete(_cassette);
    }


    private static Dictionary<string, string> Question(string text = "Capital of France?") => new() { ["question"] = text };

    private IReadOnlyList<FakeLogRecord> Logged(string eventName) => [.. _logs.GetSnapshot().Where(r => r.Id.Name == eventName)];

    [Fact]
    public async Task A_failed_attempt_and_its_retry_are_two_call_spans_the_first_an_error_of_its_kind()
    {
        using var capture = new TelemetryCapture();
        var name = TelemetryCapture.UniqueName("retry");
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Status(500), ServerReply.Text("Paris", promptTokens: 12, completionTokens: 3)));
        using var engine = ReferenceProviders.Engine(ReferenceProviders.File(server), engine => engine.WithLoggerFactory(_loggerFactory));

        var record = await engine
            .Compile(Patterns.AskQuestion(name)).RunAsync(Question());

        var stage = Assert.Single(capture.Spans("stage answer"));
        var calls = capture.Spans("chat fake-model").OrderBy(c => c.GetTagItem(TelemetryAttributes.CallAttempt)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(stage.SpanId, c.ParentSpanId));
        Assert.Equal((1, ActivityStatusCode.Error, "server_error"), (calls[0].GetTagItem(TelemetryAttributes.CallAttempt), calls[0].Status, calls[0].GetTagItem("error.type")));
        Assert.Equal((2, ActivityStatusCode.Unset, null, 12L, 3L), (calls[1].GetTagItem(TelemetryAttributes.CallAttempt), calls[1].Status, calls[1].GetTagItem("error.type"), calls[1].GetTagItem("gen_ai.usage.input_tokens"), calls[1].GetTagItem("gen_ai.usage.output_tokens")));
        Assert.Equal(("openai", "127.0.0.1", server.Endpoint.Port), (calls[1].GetTagItem("gen_ai.provider.name"), calls[1].GetTagItem("server.address"), calls[1].GetTagItem("server.port")));

        Assert.Equal(2, record.Totals.Calls);
        var durations = capture.Values("gen_ai.client.operation.duration", name);
        Assert.Equal([("server_error", 1L), (null, 1L)], durations.Select(d => ((string?)d["error.type"], d.Count)).OrderBy(d => d.Item1 is null));
        Assert.Equal(2, capture.Values("pattern_engine.calls", name).Sum(c => c.Sum));

        var failed = Assert.Single(Logged("CallFailed"));
        Assert.Equal((LogLevel.Warning, "1", "answer"), (failed.Level, failed.GetStructuredStateValue("Attempt"), failed.GetStructuredStateValue("Stage")));
        Assert.Equal((LogLevel.Information, "2"), (Assert.Single(Logged("CallRetried")).Level, Assert.Single(Logged("CallRetried")).GetStructuredStateValue("Attempt")));

        // The key the provider was called with appears nowhere.
        Assert.DoesNotContain(capture.Spans().SelectMany(s => s.TagObjects), t => t.Value?.ToString()?.Contains(ReferenceProviders.Key, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Message.Contains(ReferenceProviders.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fallback_call_names_the_route_it_stands_in_for()
    {
        using var capture = new TelemetryCapture();
        var name = TelemetryCapture.UniqueName("fallback");
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Status(400), ServerReply.Text("Paris")));
        using var engine = ReferenceProviders.Engine(
            ReferenceProviders.File(server, defaultExtras: ", fallback: cheap", models: "  cheap: { provider: fake, model: cheap-model }"),
            engine => engine.WithLoggerFactory(_loggerFactory));

        await engine
            .Compile(Patterns.AskQuestion(name)).RunAsync(Question());

        var rejected = Assert.Single(capture.Spans("chat fake-model"));
        Assert.Equal(("rejected", "default"), (rejected.GetTagItem("error.type"), rejected.GetTagItem(TelemetryAttributes.CallRoute)));
        var fallback = Assert.Single(capture.Spans("chat cheap-model"));
        Assert.Equal(("default", "cheap", ActivityStatusCode.Unset), (fallback.GetTagItem(TelemetryAttributes.CallFallbackFrom), fallback.GetTagItem(TelemetryAttributes.CallRoute), fallback.Status));
        var logged = Assert.Single(Logged("FallbackCalled"));
        Assert.Equal(("default", "cheap", "cheap-model"), (logged.GetStructuredStateValue("FallbackFrom"), logged.GetStructuredStateValue("Route"), logged.GetStructuredStateValue("Model")));
    }

    [Fact]
    public async Task Calls_a_replayed_cassette_answers_are_marked_as_replayed_with_the_recorded_figures()
    {
        var name = TelemetryCapture.UniqueName("replay");
        var pattern = Patterns.AskQuestion(name);
        using (var recording = Cassette.OpenOrCreate(_cassette))
        {
            using var recorder = Engines.For(new ScriptedChatClient(r => "Paris, of course"), engine => engine.UseCassette(recording, CassetteMode.Record));
            await recorder.Compile(pattern).RunAsync(Question());
        }

        using var capture = new TelemetryCapture();
        using var cassette = Cassette.Load(_cassette);
        using var engine = Engines.For(new ScriptedChatClient(r => throw new InvalidOperationException("replay must not call the model")), engine => engine.UseCassette(cassette, CassetteMode.Replay));
        var record = await engine.Compile(pattern).RunAsync(Question());

        var expected = Assert.Single(record.AllCalls());
        var call = Assert.Single(capture.Spans("chat scripted"));
        Assert.Equal(("replay", true, expected.InputTokens, expected.OutputTokens), (call.GetTagItem(TelemetryAttributes.CallSource), call.GetTagItem(TelemetryAttributes.CallCached), call.GetTagItem("gen_ai.usage.input_tokens"), call.GetTagItem("gen_ai.usage.output_tokens")));
        var input = Assert.Single(capture.Values("gen_ai.client.token.usage", name), v => Equals(v["gen_ai.token.type"], "input"));
        Assert.Equal(("replay", expected.InputTokens), (input[TelemetryAttributes.CallSource], (long)input.Sum));
        Assert.Equal("replay", Assert.Single(capture.Values("pattern_engine.calls", name))[TelemetryAttributes.CallSource]);
    }

    [Fact]
    public async Task A_request_the_cassette_does_not_hold_fails_its_span_its_stage_and_its_run_and_is_logged()
    {
        var name = TelemetryCapture.UniqueName("replay-miss");
        File.WriteAllText(_cassette, "");
        using var capture = new TelemetryCapture();
        using var cassette = Cassette.Load(_cassette);
        using var engine = Engines.For(new ScriptedChatClient(r => "never"), engine => engine.UseCassette(cassette, CassetteMode.Replay).WithLoggerFactory(_loggerFactory));
        var compiled = engine.Compile(Patterns.AskQuestion(name));

        var failure = await Assert.ThrowsAsync<PatternRunException>(() => compiled.RunAsync(Question()));

        var call = Assert.Single(capture.Spans("chat scripted"));
        Assert.Equal((ActivityStatusCode.Error, "cassette_miss", "replay"), (call.Status, call.GetTagItem("error.type"), call.GetTagItem(TelemetryAttributes.CallSource)));
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(capture.Spans("stage answer")).Status);
        var run = Assert.Single(capture.Spans("run " + name));
        Assert.Equal((ActivityStatusCode.Error, failure.Message, "failed", "cassette_miss"), (run.Status, run.StatusDescription, run.GetTagItem(TelemetryAttributes.RunStatus), run.GetTagItem("error.type")));
        var runs = Assert.Single(capture.Values("pattern_engine.runs", name));
        Assert.Equal(("failed", "cassette_miss"), (runs[TelemetryAttributes.RunStatus], runs["error.type"]));

        Assert.Contains("holds no answer for stage 'answer'", Assert.Single(Logged("ReplayMissed")).Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, Assert.Single(Logged("StageFailed")).Level);
        Assert.Equal(LogLevel.Error, Assert.Single(Logged("RunFailed")).Level);
    }

    [Fact]
    public async Task A_run_logs_its_start_and_its_totals_and_a_cache_miss_when_the_model_answers_for_the_cassette()
    {
        var name = TelemetryCapture.UniqueName("logged");
        using var cassette = Cassette.OpenOrCreate(_cassette);
        using var engine = Engines.For(new ScriptedChatClient(r => "Paris"), engine => engine.UseCassette(cassette).WithLoggerFactory(_loggerFactory));
        var compiled = engine.Compile(Patterns.AskQuestion(name));

        var record = await compiled.RunAsync(Question(), new RunOptions { Seed = 7 });
        await compiled.RunAsync(Question(), new RunOptions { Seed = 7 });

        var started = Logged("RunStarted")[0];
        Assert.Equal((LogLevel.Debug, name, "7"), (started.Level, started.GetStructuredStateValue("Pattern"), started.GetStructuredStateValue("Seed")));
        var finished = Logged("RunFinished")[0];
        Assert.Equal(LogLevel.Information, finished.Level);
        Assert.Equal(
            (record.Totals.Calls.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Totals.InputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Totals.OutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (finished.GetStructuredStateValue("Calls"), finished.GetStructuredStateValue("InputTokens"), finished.GetStructuredStateValue("OutputTokens")));
        Assert.Equal("1", Logged("RunFinished")[1].GetStructuredStateValue("CachedCalls"));

        // Only the first run's call missed the cassette; the second was answered from it.
        Assert.Equal("answer", Assert.Single(Logged("CassetteMissed")).GetStructuredStateValue("Stage"));
        Assert.All(_logs.GetSnapshot(), r => Assert.DoesNotContain("Capital of France", r.Message, StringComparison.Ordinal));
    }
}
