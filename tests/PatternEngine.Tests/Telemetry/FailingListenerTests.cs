using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PatternEngine.Telemetry;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Telemetry;

/// <summary>Telemetry never breaks what it reports: listeners and loggers that throw fail no call and no run.</summary>
[Collection(ProcessWideListenersGroup.Name)]
public sealed class FailingListenerTests
{
    [Fact]
    public async Task Span_listeners_instruments_and_loggers_that_throw_fail_no_call_and_no_run()
    {
        using var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PatternEngineTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _ => throw new InvalidOperationException("span listener fails on start"),
            ActivityStopped = _ => throw new InvalidOperationException("span listener fails on stop"),
        };
        ActivitySource.AddActivityListener(spans);
        // The engine's instruments only: the runtime's own (dotnet.exceptions) is measured while an exception is thrown.
        using var metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PatternEngineTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        metrics.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("instrument listener fails"));
        metrics.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("instrument listener fails"));
        metrics.Start();
        using var loggers = LoggerFactory.Create(log => log.SetMinimumLevel(LogLevel.Trace).AddProvider(new ThrowingLoggerProvider()));
        var model = new ScriptedChatClient(r => "Paris");
        using var engine = Engines.For(model, engine => engine.WithLoggerFactory(loggers).UseStreaming());
        var compiled = engine.Compile(Patterns.AskQuestion("failing-listeners"));

        var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "Capital of France?" });

        Assert.Equal("Paris", record.Output.ToString());
        Assert.Equal((1, 1), (record.Totals.Calls, model.Requests.Count));
    }

    private sealed class ThrowingLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ThrowingLogger();

        public void Dispose()
        {
        }

        private sealed class ThrowingLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                throw new InvalidOperationException("logger fails");
        }
    }
}
