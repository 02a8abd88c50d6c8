using LLama.Native;

namespace PatternEngine.Models.Local;

/// <summary>
/// Keeps llama.cpp's native log off stdout and stderr unless asked for. One callback is
/// registered per process, before the first native call, and decides per message.
/// </summary>
internal static class GgufNativeLog
{
    /// <summary>Set to 1 to let the native log through to standard error.</summary>
    public const string EnvironmentVariable = "PATTERNS_LLAMA_LOG";

    private static readonly Lock Gate = new();

    // Held in a field so the delegate that native code calls is never collected.
    private static NativeLogConfig.LLamaLogCallback? callback;
    private static volatile bool enabled;

    /// <summary>Registers the callback once; turns the log on if asked (it then stays on).</summary>
    /// <param name="nativeLogging">Whether this model's options ask for the native log.</param>
    public static void Configure(bool nativeLogging)
    {
        if (nativeLogging || Environment.GetEnvironmentVariable(EnvironmentVariable) == "1")
        {
            enabled = true;
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

    private static void Write(LLamaLogLevel level, string message)
    {
        if (enabled)
        {
            Console.Error.Write(message);
        }
    }
}
