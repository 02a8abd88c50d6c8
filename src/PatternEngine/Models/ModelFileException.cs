namespace PatternEngine.Models;

/// <summary>A model file is missing or cannot be loaded as a model.</summary>
public sealed class ModelFileException : Exception
{
    private const string Hint =
        "(point --model-file or the PATTERNS_MODEL_FILE environment variable at a GGUF file)";

    /// <summary>Creates the exception with a plain message and no path.</summary>
    public ModelFileException()
        : this(string.Empty, "model file could not be loaded")
    {
    }

    /// <summary>Creates the exception with a plain message and no path.</summary>
    /// <param name="message">What went wrong.</param>
    public ModelFileException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception with a plain message, no path and the underlying cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public ModelFileException(string message, Exception? innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>Creates the exception for the model file at <paramref name="path"/>.</summary>
    /// <param name="path">The full path of the model file.</param>
    /// <param name="message">The whole message; it should name the path and how to override it.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ModelFileException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The full path of the model file, or empty when no path is known.</summary>
    public string Path { get; }

    internal static ModelFileException NotFound(string path) =>
        new(path, $"model file not found: {path} {Hint}");

    internal static ModelFileException NotReadable(string path, Exception innerException) =>
        new(path, $"model file is not a readable GGUF model: {path} {Hint}", innerException);

    internal static ModelFileException NativeLibraryFailed(string path, Exception innerException) =>
        new(
            path,
            $"could not load model file: {path}: the llama.cpp native library failed to load "
            + $"({innerException.Message}) {Hint}",
            innerException);
}
