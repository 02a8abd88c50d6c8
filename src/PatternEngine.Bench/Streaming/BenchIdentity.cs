using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PatternEngine.Bench.Golden;

namespace PatternEngine.Bench.Streaming;

/// <summary>
/// What a resumed bench must share with the bench it continues, or its runs would not belong together: the baseline,
/// the patterns (by name and file hash), the golden cases (by content hash), the models the stages are planned on and
/// the model's version, the seed and the repeats.
/// </summary>
internal sealed record BenchIdentity
{
    public required string Baseline { get; init; }

    /// <summary>Each pattern's file hash, by name.</summary>
    public required ImmutableSortedDictionary<string, string> Patterns { get; init; }

    public required string GoldenHash { get; init; }

    /// <summary>The models the patterns' prompts are planned on, sorted and comma-separated.</summary>
    public required string StageModels { get; init; }

    public string? ModelVersion { get; init; }

    public int Seed { get; init; }

    public int Repeats { get; init; }

    public static BenchIdentity Of(IReadOnlyList<BenchEntry> entries, GoldenSet golden, BenchOptions options) => new()
    {
        Baseline = entries[0].Name,
        Patterns = entries.ToImmutableSortedDictionary(e => e.Name, e => e.FileHash, StringComparer.Ordinal),
        GoldenHash = HashOf(golden),
        StageModels = string.Join(", ", entries.SelectMany(e => e.Pattern.Plan.Stages).SelectMany(s => s.Prompts).Select(p => p.Model).Distinct().Order(StringComparer.Ordinal)),
        ModelVersion = options.ModelVersion,
        Seed = options.Seed,
        Repeats = options.Repeats,
    };

    /// <summary>How <paramref name="stored"/> differs from this bench, in words; null when it does not.</summary>
    public string? DifferenceFrom(BenchIdentity stored)
    {
        var differences = new List<string>();
        void Compare<T>(string what, T stored, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(stored, now))
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{what} was {stored?.ToString() ?? "none"}, now {now?.ToString() ?? "none"}"));
            }
        }

        Compare("the baseline", stored.Baseline, Baseline);
        Compare("the patterns", string.Join(", ", stored.Patterns.Keys), string.Join(", ", Patterns.Keys));
        foreach (var (name, hash) in Patterns.Where(p => stored.Patterns.TryGetValue(p.Key, out var before) && before != p.Value))
        {
            differences.Add($"the file of pattern '{name}' changed (hash {stored.Patterns[name][..12]}, now {hash[..12]})");
        }

        if (stored.GoldenHash != GoldenHash)
        {
            differences.Add($"the golden cases changed (hash {stored.GoldenHash[..12]}, now {GoldenHash[..12]})");
        }

        Compare("the stages' models", stored.StageModels, StageModels);
        Compare("the model version", stored.ModelVersion, ModelVersion);
        Compare("the seed", stored.Seed, Seed);
        Compare("the repeats", stored.Repeats, Repeats);
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    /// <summary>SHA-256 of the cases' content (ids, inputs, expected answers, scorers, turns), not of their lines' layout.</summary>
    public static string HashOf(GoldenSet golden)
    {
        var cases = new JsonArray([.. golden.Cases.Select(c => (JsonNode?)new JsonArray(
            c.Id,
            new JsonObject(c.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value))),
            c.Expected,
            c.Scorer,
            c.Tolerance,
            c.Schema?.ToJsonString(),
            new JsonArray([.. c.Turns.Select(t => (JsonNode?)new JsonArray(t.User, t.Expected))])))]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cases.ToJsonString())));
    }
}
