using System.Globalization;

namespace PatternEngine;

/// <summary>Refuses an input file larger than its limit before any of it is read into memory.</summary>
internal static class InputFileSize
{
    /// <summary>What is wrong when the file is larger than <paramref name="maxBytes"/> or reports no size yet has content (a
    /// device such as <c>/dev/zero</c>); null when it is fine, or when it cannot be opened (reading it then says why).</summary>
    public static string? Problem(string path, long maxBytes, string what)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length == 0 && HasBytesPastItsLength(path))
            {
                // A device (/dev/zero) reports no length and may never end: reading it would exhaust memory.
                return $"the {what} is not a regular file: it reports no size but has more to read";
            }

            return length <= maxBytes
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"the {what} is {length:N0} bytes; it may be at most {maxBytes:N0} ({Mebibytes(maxBytes)})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    // Whether a file that says it is empty yields a byte anyway; reads one byte at most.
    private static bool HasBytesPastItsLength(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        Span<byte> probe = stackalloc byte[1];
        return stream.Read(probe) > 0;
    }

    private static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB");
}
