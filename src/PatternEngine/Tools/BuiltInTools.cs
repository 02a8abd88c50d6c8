using Microsoft.SemanticKernel;

namespace PatternEngine.Tools;

/// <summary>The tools the built-in patterns use: <c>math.evaluate</c> and <c>facts.lookup</c>.</summary>
internal static class BuiltInTools
{
    /// <summary>The facts file's name in the pattern library.</summary>
    public const string FactsFileName = "facts.tsv";

    /// <summary>The plugins, with the facts read from <c>facts.tsv</c> in <paramref name="libraryDirectory"/>.</summary>
    public static IReadOnlyList<KernelPlugin> Plugins(string libraryDirectory) =>
    [
        KernelPluginFactory.CreateFromType<MathTools>("math"),
        KernelPluginFactory.CreateFromObject(new FactsTools(Path.Combine(libraryDirectory, FactsFileName)), "facts"),
    ];
}
