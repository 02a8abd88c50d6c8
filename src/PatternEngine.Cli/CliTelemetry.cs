using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PatternEngine.Telemetry;

namespace PatternEngine.Cli;

/// <summary>
/// The command line's telemetry. When <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the engine's traces, metrics and
/// log events are exported over OTLP (http/protobuf unless <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> says otherwise), as the
/// standard <c>OTEL_*</c> variables configure it (service name, resource attributes, headers, time-outs, per-signal
/// endpoints); without it nothing is exported and nothing listens. Disposing it flushes what is still buffered, so
/// that a run that fails or is cancelled is exported too. No variable's value is ever printed.
/// </summary>
internal sealed class CliTelemetry : IDisposable
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string HeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>Set to <c>true</c> to put prompts and answers on the model call spans.</summary>
    public const string CaptureContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    /// <summary>Set to 1 to see llama.cpp's own log on standard error.</summary>
    public const string LlamaLogVariable = "PATTERNS_LLAMA_LOG";

    private const string DefaultServiceName = "patterns";

    // Telemetry of commands still running, flushed by a second Ctrl+C before the process ends.
    private static readonly ConcurrentDictionary<CliTelemetry, bool> Running = new();

    private readonly OpenTelemetrySdk? _sdk;
    private readonly ILoggerFactory? _llamaLog;

    private CliTelemetry(OpenTelemetrySdk? sdk, ILoggerFactory? llamaLog, bool captureMessageContent)
    {
        _sdk = sdk;
        _llamaLog = llamaLog;
        CaptureMessageContent = captureMessageContent;
        LoggerFactory = sdk?.GetLoggerFactory() ?? NullLoggerFactory.Instance;
        Running[this] = true;
    }

    /// <summary>Where the engine's log events go: exported with the traces, or nowhere.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Where the embedded model's native log goes: standard error with <c>PATTERNS_LLAMA_LOG=1</c>, else with the engine's.</summary>
    public ILoggerFactory ModelLoggerFactory => _llamaLog ?? LoggerFactory;

    /// <summary>Whether model call spans carry prompts and answers (<c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true</c>).</summary>
    public bool CaptureMessageContent { get; }

    /// <summary>Whether the engine's telemetry is exported.</summary>
    public bool Exporting => _sdk is not null;

    /// <summary>The process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    /// <summary>
    /// Starts exporting if <paramref name="environment"/> names an OTLP endpoint; with <c>PATTERNS_LLAMA_LOG=1</c>,
    /// llama.cpp's log goes to <paramref name="stderr"/>.
    /// </summary>
    /// <exception cref="TelemetrySettingsException">A variable's value cannot be used (it is not shown).</exception>
    public static CliTelemetry Start(IReadOnlyDictionary<string, string> environment, TextWriter stderr)
    {
        var captureContent = string.Equals(environment.GetValueOrDefault(CaptureContentVariable), "true", StringComparison.OrdinalIgnoreCase);
        var llamaLog = environment.GetValueOrDefault(LlamaLogVariable) == "1"
            ? Microsoft.Extensions.Logging.LoggerFactory.Create(log => log.SetMinimumLevel(LogLevel.Trace).AddProvider(new LineLoggerProvider(stderr)))
            : null;
        if (string.IsNullOrWhiteSpace(environment.GetValueOrDefault(EndpointVariable)))
        {
            return new CliTelemetry(null, llamaLog, captureContent);
        }

        try
        {
            return new CliTelemetry(Export(Settings(environment)), llamaLog, captureContent);
        }
        catch
        {
            llamaLog?.Dispose();
            throw;
        }
    }

    /// <summary>Exports what every running command has buffered, for <paramref name="timeout"/> at most in all.</summary>
    public static void FlushAll(TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        int Left() => (int)Math.Max(0, (timeout - TimeProvider.System.GetElapsedTime(started)).TotalMilliseconds);
        foreach (var sdk in Running.Keys.Select(t => t._sdk).OfType<OpenTelemetrySdk>())
        {
            sdk.TracerProvider.ForceFlush(Left());
            sdk.MeterProvider.ForceFlush(Left());
            sdk.LoggerProvider.ForceFlush(Left());
        }
    }

    public void Dispose()
    {
        Running.TryRemove(this, out _);
        _sdk?.Dispose(); // shuts the exporters down after exporting what is left (at most 5 s per signal)
        _llamaLog?.Dispose();
    }

    // The standard variables, checked, with this tool's defaults: OTLP over http/protobuf (the specification's default)
    // and "patterns" as the service's name.
    private static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string> environment)
    {
        var settings = environment
            .Where(e => e.Key.StartsWith("OTEL_", StringComparison.Ordinal))
            .ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        if (!Uri.TryCreate(settings[EndpointVariable], UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new TelemetrySettingsException($"{EndpointVariable} is not an absolute http:// or https:// URL");
        }

        if (settings.GetValueOrDefault(HeadersVariable) is { Length: > 0 } headers
            && headers.Split(',').Any(h => h.Split('=', 2) is not [{ } name, _] || string.IsNullOrWhiteSpace(name)))
        {
            throw new TelemetrySettingsException($"{HeadersVariable} is not a comma-separated list of name=value pairs");
        }

        if (string.IsNullOrWhiteSpace(settings.GetValueOrDefault(ProtocolVariable)))
        {
            settings[ProtocolVariable] = "http/protobuf";
        }

        if (string.IsNullOrWhiteSpace(settings.GetValueOrDefault(ServiceNameVariable)))
        {
            settings[ServiceNameVariable] = DefaultServiceName;
        }

        return settings;
    }

    private static OpenTelemetrySdk Export(Dictionary<string, string?> settings)
    {
        // The SDK reads the OTEL_* settings through IConfiguration: these, not the process's own, so that a test (or a
        // host) can give the command its own environment.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return OpenTelemetrySdk.Create(otel =>
        {
            otel.Services.AddSingleton<IConfiguration>(configuration);
            otel.WithTracing(tracing => tracing.AddSource(PatternEngineTelemetry.ActivitySourceName))
                .WithMetrics(metrics => metrics.AddMeter(PatternEngineTelemetry.MeterName))
                .WithLogging()
                .UseOtlpExporter();
        });
    }
}

/// <summary>An <c>OTEL_*</c> variable's value cannot be used; the message names the variable, never its value.</summary>
internal sealed class TelemetrySettingsException(string message) : PatternEngineException(PatternEngineErrorKind.InvalidInput, message);
