using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PatternEngine.Models.Local;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Local;

/// <summary>llama.cpp's own log goes to the model's logger, never to the process's standard error.</summary>
[Collection(LocalModelCollection.Name)]
public sealed class GgufNativeLogTests(LocalModelFixture fixture)
{
    [Fact]
    public void Loading_a_model_with_a_logger_factory_sends_llama_cpp_log_to_it_at_debug_level()
    {
        var logs = new FakeLogCollector();
        using (var loggers = LoggerFactory.Create(log => log.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs))))
        using (GgufModel.Load(fixture.Model.Path, new GgufModelOptions { LoggerFactory = loggers }))
        {
            var native = logs.GetSnapshot().Where(r => r.Category == "LLama.Native").ToList();

            Assert.NotEmpty(native);
            Assert.Contains(native, r => r.Level == LogLevel.Debug && r.Message.Contains("llama", StringComparison.OrdinalIgnoreCase));
            Assert.All(native, r => Assert.False(r.Message.EndsWith('\n'), "a line is logged without its newline"));
        }

        // The factory is gone: llama.cpp's next lines are lost, and nothing fails (a throw would reach native code).
        using var again = GgufModel.Load(fixture.Model.Path);
        Assert.Equal("stories260K", again.ModelId);
    }
}
