using System.Globalization;

namespace PatternEngine.Stages;

/// <summary>Derives call seeds with FNV-1a, which, unlike string.GetHashCode, is the same in every process.</summary>
internal static class StableSeed
{
    public static int Derive(int runSeed, string stageId, int call)
    {
        var hash = 2166136261u;
        foreach (var part in string.Create(CultureInfo.InvariantCulture, $"{runSeed}/{stageId}/{call}"))
        {
            hash = (hash ^ part) * 16777619u;
        }

        return (int)(hash & int.MaxValue);
    }
}
