using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using PatternEngine.Benchmarks.Support;

namespace PatternEngine.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (see README.md); building the project runs none. Results go to
/// this project's BenchmarkDotNet.Artifacts/ folder (ignored by git) unless <c>--artifacts</c> says otherwise.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["stopping", ..])
        {
            await Sampling.StoppingMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 400, Console.Out);
            return;
        }

        if (args is ["scale", .. var sizes])
        {
            await Scale.ScaleMeasurement.RunAsync(sizes.Length == 0 ? [1000, 10000] : [.. sizes.Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))], Console.Out);
            return;
        }

        if (args is ["scale-floor", var calls])
        {
            await Scale.ScaleMeasurement.RunFloorAsync(int.Parse(calls, System.Globalization.CultureInfo.InvariantCulture), Console.Out);
            return;
        }

        if (args is ["scale-one", var size, .. var flags])
        {
            await Scale.ScaleMeasurement.RunOneAsync(int.Parse(size, System.Globalization.CultureInfo.InvariantCulture), Console.Out, log: !flags.Contains("no-log"), store: !flags.Contains("no-history"));
            return;
        }

        var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Repository.Root, "tests", "PatternEngine.Benchmarks", "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
