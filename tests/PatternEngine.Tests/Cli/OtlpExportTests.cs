using PatternEngine.Cli;
using PatternEngine.Telemetry;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// The command line exports the engine's traces and metrics over OTLP (http/protobuf) when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, to a receiver on 127.0.0.1, whatever way the run ends; and sends
/// nothing when it is not.
/// </summary>
[Collection(ProcessWideListenersGroup.Name)]
public sealed class OtlpExportTests
{
    private const string Secret = "otlp-secret-0123456789";

    // A model no other test asks for, so that the call's span is this run's.
    private readonly string _model = "e2e-model-" + Guid.NewGuid().ToString("N")[..8];

    private string[] Run(ReferenceServer server) =>
        ["run", "baseline", "--input", "question=Capital of France?", "--endpoint", server.Endpoint.ToString(), "--model", _model, "--json"];

    private static Dictionary<string, string> Exporting(OtlpReceiver receiver, string service) => new(StringComparer.Ordinal)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
        ["OTEL_SERVICE_NAME"] = service,
        ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-collector-key=" + Secret,
    };

    private static OtlpExport Joined(IReadOnlyList<OtlpExport> exports) =>
        new(exports[0].Path, exports[0].ContentType, exports[0].Headers, [.. exports.SelectMany(e => e.Body)]);

    [Fact]
    public async Task Run_exports_its_spans_and_metrics_as_protobuf_to_the_endpoint_with_the_headers_the_environment_gives()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Paris", promptTokens: 30, completionTokens: 2));
        var service = "patterns-e2e-" + Guid.NewGuid().ToString("N")[..8];

        using var folder = new TempDirectory();
        var catalog = folder.Write("catalog.yaml", $"models:\n  - {{ id: {_model}, input_per_million: 1, output_per_million: 4 }}\n");

        var result = await CliHarness.RunAsync(Exporting(receiver, service), CancellationToken.None, [.. Run(server), "--catalog", catalog]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var exports = receiver.Exports;
        Assert.All(exports, e => Assert.Equal(("application/x-protobuf", Secret), (e.ContentType, e.Headers.GetValueOrDefault("x-collector-key"))));

        var traces = Joined(receiver.Of("traces"));
        Assert.All(["run baseline", "stage answer", "gen_ai.request.model", "gen_ai.usage.input_tokens", "pattern_engine.call.source", "PatternEngine", service],
            name => Assert.True(traces.Carries(name), $"the traces carry no '{name}'"));
        Assert.Equal(1, traces.Occurrences("chat " + _model)); // the run's one call; the warm-up before it is not reported

        var metrics = Joined(receiver.Of("metrics"));
        Assert.All(["gen_ai.client.token.usage", "gen_ai.client.operation.duration", "{token}", "pattern_engine.runs", "pattern_engine.calls", "pattern_engine.cost", service],
            name => Assert.True(metrics.Carries(name), $"the metrics carry no '{name}'"));

        Assert.True(Joined(receiver.Of("logs")).Carries("baseline"), "the run's log events are exported too");
        Assert.DoesNotContain(Secret, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_sent_without_OTEL_EXPORTER_OTLP_ENDPOINT_even_when_other_OTEL_variables_name_an_endpoint()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Paris"));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = receiver.Endpoint + "v1/traces",
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = receiver.Endpoint + "v1/metrics",
            ["OTEL_SERVICE_NAME"] = "patterns-silent",
        };

        var result = await CliHarness.RunAsync(environment, CancellationToken.None, Run(server));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(receiver.Exports);
    }

    [Fact]
    public async Task A_run_that_fails_is_exported_before_the_command_exits()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Status(400));

        var result = await CliHarness.RunAsync(Exporting(receiver, "patterns-failing"), CancellationToken.None, Run(server));

        Assert.True(result.ExitCode == 1, result.ToString());
        var traces = Joined(receiver.Of("traces"));
        Assert.All(["run baseline", "chat " + _model, "rejected", "failed"], name => Assert.True(traces.Carries(name), $"the traces carry no '{name}'"));
        Assert.True(Joined(receiver.Of("metrics")).Carries("pattern_engine.runs"), "the failed run is counted");
    }

    [Fact]
    public async Task A_run_stopped_by_Ctrl_C_is_exported_before_the_command_exits()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Hang);
        using var ctrlC = new CancellationTokenSource();

        var running = CliHarness.RunAsync(Exporting(receiver, "patterns-cancelled"), ctrlC.Token, Run(server));
        for (var waited = 0; server.Requests.Count == 0 && waited < 600; waited++)
        {
            await Task.Delay(50);
        }

        await ctrlC.CancelAsync();
        var result = await running;

        Assert.True(result.ExitCode == 1, result.ToString());
        var traces = Joined(receiver.Of("traces"));
        Assert.All(["run baseline", "chat " + _model, "cancelled"], name => Assert.True(traces.Carries(name), $"the traces carry no '{name}'"));
    }

    [Fact]
    public async Task A_second_Ctrl_C_exports_what_is_buffered_before_the_process_ends()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var probe = "probe-" + Guid.NewGuid().ToString("N")[..8];
        using var telemetry = CliTelemetry.Start(Exporting(receiver, "patterns-second-ctrl-c"), TextWriter.Null);
        PatternEngineTelemetry.Source.StartActivity(probe)!.Stop();

        // What Program.cs does on a second Ctrl+C, before it lets the process end: the batch would wait seconds more.
        CliTelemetry.FlushAll(TimeSpan.FromSeconds(10));

        Assert.Contains(receiver.Of("traces"), e => e.Carries(probe));
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector-" + Secret, "OTEL_EXPORTER_OTLP_ENDPOINT is not an absolute http:// or https:// URL")]
    [InlineData("OTEL_EXPORTER_OTLP_HEADERS", Secret, "OTEL_EXPORTER_OTLP_HEADERS is not a comma-separated list of name=value pairs")]
    public async Task An_unusable_OTEL_setting_exits_2_naming_the_variable_never_its_value(string variable, string value, string message)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            [variable] = value,
        };

        var result = await CliHarness.RunAsync(environment, CancellationToken.None, "run", "baseline", "--input", "question=q", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m");

        CliHarness.AssertInvalidInput(result);
        Assert.Equal("error: " + message, CliHarness.AssertOneErrorLine(result));
        Assert.DoesNotContain(Secret, result.Error, StringComparison.Ordinal);
    }
}
