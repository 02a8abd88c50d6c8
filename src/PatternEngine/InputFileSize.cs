using System.Globalization;

namespace PatternEngine;

/// <summary>Refuses an input file larger than its limit before any of it is read into memory.</summary>
internal static class InputFileSize
{
    /// <summary>What is wrong when the file is larger than <paramref name="maxBytes"/>; null when it is not, or when it
    /// cannot be read (reading it then says why).</summary>
    public static string? Problem(string path, long maxBytes, string what)
    {
        try
        {
            var length = new FileInfo(path).Length;
            return length <= maxBytes
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"the {what} is {length:N0} bytes; it may be at most {maxBytes:N0} ({Mebibytes(maxBytes)})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB");
}
