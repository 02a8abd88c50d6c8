using System.Diagnostics.CodeAnalysis;
using LLama.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PatternEngine.Models.Local;

/// <summary>
/// Sends llama.cpp's native log to a logger (category <see cref="Category"/>) instead of stdout and stderr. One
/// callback is registered per process, before the first native call; the log is process-wide, so the logger of the
/// latest model loaded with one receives it. Without a logger it goes nowhere.
/// </summary>
internal static partial class GgufNativeLog
{
    /// <summary>The category llama.cpp's messages are logged under.</summary>
    public const string Category = "LLama.Native";

    private static readonly Lock Gate = new();

    // Held in a field so the delegate that native code calls is never collected.
    private static NativeLogConfig.LLamaLogCallback? callback;
    private static volatile ILogger? logger;
    private static LogLevel lastLevel = LogLevel.Debug;

    /// <summary>Registers the callback once; a model loaded with a logger factory other than the null one takes the log.</summary>
    public static void Configure(ILoggerFactory loggerFactory)
    {
        if (loggerFactory is not NullLoggerFactory)
        {
            logger = loggerFactory.CreateLogger(Category);
        }

        lock (Gate)
        {
            if (callback is not null)
            {
                return;
            }

            callback = Write;
            if (!NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                try
                {
                    NativeLibraryConfig.All.WithLogCallback(callback);
                    return;
                }
                catch (InvalidOperationException)
                {
                    // Another caller loaded the library meanwhile; fall through to the late route.
                }
            }

            // Works after the library has loaded too; it only misses what was logged before.
            NativeLogConfig.llama_log_set(callback);
        }
    }

    // llama.cpp's information is detail to this engine's users: it logs at Debug, its warnings and errors as such.
    // A continuation goes at the level of the message it continues. Native code calls this: nothing may escape it.
    [SuppressMessage("Design", "CA1031", Justification = "An exception thrown back into native code would end the process.")]
    private static void Write(LLamaLogLevel level, string message)
    {
        try
        {
            Forward(level, message);
        }
        catch (Exception)
        {
            // A logger that fails loses the line; the model goes on.
        }
    }

    private static void Forward(LLamaLogLevel level, string message)
    {
        if (logger is not { } target)
        {
            return;
        }

        var mapped = level switch
        {
            LLamaLogLevel.Error => LogLevel.Error,
            LLamaLogLevel.Warning => LogLevel.Warning,
            LLamaLogLevel.Continue => lastLevel,
            _ => LogLevel.Debug,
        };
        lastLevel = mapped;
        var text = message.TrimEnd('\n', '\r');
        if (text.Length > 0)
        {
            Native(target, mapped, text);
        }
    }

    [LoggerMessage(EventId = 100, EventName = "LlamaNative", Message = "{Message}")]
    private static partial void Native(ILogger logger, LogLevel level, string message);
}
