using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PatternEngine;
using PatternEngine.Definitions;
using PatternEngine.Models.Local;
using PatternEngine.Telemetry;

// Subscribe to the engine's spans and metrics: printed here; .AddOtlpExporter() sends them to a collector instead.
using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(PatternEngineTelemetry.ActivitySourceName).AddConsoleExporter().Build();
using var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(PatternEngineTelemetry.MeterName).AddConsoleExporter().Build();
using var loggers = LoggerFactory.Create(log => log.AddSimpleConsole(console => console.SingleLine = true));

var modelFile = args.Length > 0 ? args[0] : Path.Combine(UserFolder.Models, "stories260K.gguf");
using var engine = new PatternEngineBuilder()
    .AddEmbeddedModel(modelFile)
    .WithLoggerFactory(loggers) // .CaptureMessageContent() puts prompts and answers on the spans
    .Build();
var pattern = engine.Compile(PatternFile.Load(Path.Combine(AppContext.BaseDirectory, "patterns", "baseline.yaml")));
await pattern.RunAsync(new Dictionary<string, string> { ["question"] = "Once upon a time" });
