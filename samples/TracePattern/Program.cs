using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Models.Local;
using PatternEngine.Models.Routing;
using PatternEngine.Telemetry;

// Subscribe to the engine's spans and metrics: printed here; .AddOtlpExporter() sends them to a collector instead.
using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(PatternEngineTelemetry.ActivitySourceName).AddConsoleExporter().Build();
using var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(PatternEngineTelemetry.MeterName).AddConsoleExporter().Build();
using var loggers = LoggerFactory.Create(log => log.AddSimpleConsole(console => console.SingleLine = true));

using var model = GgufModel.Load(DefaultModelFile.Resolve());
var options = new PatternCompilerOptions { LoggerFactory = loggers }; // CaptureMessageContent = true puts prompts and answers on the spans
var compiler = new PatternCompiler(ModelRouter.For(model.AsChatClient()), options);
var pattern = compiler.Compile(PatternFile.Load(Path.Combine(AppContext.BaseDirectory, "patterns", "baseline.yaml")));
await pattern.RunAsync(new Dictionary<string, string> { ["question"] = "Once upon a time" });
