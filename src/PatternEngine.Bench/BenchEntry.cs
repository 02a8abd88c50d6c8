using System.Security.Cryptography;
using PatternEngine.Compilation;

namespace PatternEngine.Bench;

/// <summary>A pattern entered in a bench: compiled, with the hash of the file it was compiled from.</summary>
/// <param name="Pattern">The compiled pattern.</param>
/// <param name="FileHash">SHA-256 of the pattern file's bytes, lowercase hex (see <see cref="HashFile"/>).</param>
public sealed record BenchEntry(CompiledPattern Pattern, string FileHash)
{
    /// <summary>
    /// The name the bench reports the entry under, when it is not the pattern's own: settings of one pattern entered
    /// side by side (as <c>patterns tune</c> enters them) need one each.
    /// </summary>
    public string? Label { get; init; }

    /// <summary>The name the entry is reported under: its <see cref="Label"/>, else the pattern's name.</summary>
    public string Name => Label ?? Pattern.Definition.Name;

    /// <summary>SHA-256 of a file's bytes, lowercase hex: what history uses to tell versions of a file apart.</summary>
    public static string HashFile(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>SHA-256 of a text's UTF-8 bytes, for patterns that come from no file.</summary>
    public static string HashText(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
