using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace PatternEngine.Tools;

/// <summary>
/// The <c>facts</c> plugin: looks a subject up in a local file of facts, one <c>subject&lt;TAB&gt;fact</c> per
/// line (<c>#</c> starts a comment). Loaded once; lookups ignore case and fall back to the subject that contains
/// the query, or that the query contains.
/// </summary>
internal sealed class FactsTools
{
    private readonly IReadOnlyDictionary<string, string> _facts;

    /// <summary>Reads the facts file.</summary>
    /// <exception cref="FormatException">A line has no tab; the message names the file and line.</exception>
    public FactsTools(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        var facts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                throw new FormatException($"{path}:{number}: expected 'subject<TAB>fact'");
            }

            facts[line[..tab].Trim()] = line[(tab + 1)..].Trim();
        }

        _facts = facts;
    }

    /// <summary>The file the facts came from.</summary>
    public string Path { get; }

    /// <summary>The fact about a subject, or a sentence saying there is none.</summary>
    [KernelFunction("lookup")]
    [Description("Looks up a fact about a subject (a country, an element, a planet, a unit) in the local facts file.")]
    public string Lookup([Description("The subject, for example: France")] string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var query = subject.Trim();
        if (_facts.TryGetValue(query, out var fact))
        {
            return fact;
        }

        var near = _facts.Keys
            .Where(key => key.Contains(query, StringComparison.OrdinalIgnoreCase) || query.Contains(key, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();
        return near is null ? $"no fact about '{query}'" : _facts[near];
    }
}
