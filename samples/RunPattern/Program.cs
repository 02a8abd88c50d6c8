using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Local;
using PatternEngine.Models.Routing;

using var model = GgufModel.Load(DefaultModelFile.Resolve());
var compiler = new PatternCompiler(ModelRouter.For(model.AsChatClient()));
var pattern = compiler.Compile(PatternFile.Load(Path.Combine(AppContext.BaseDirectory, "patterns", "baseline.yaml")));

var record = await pattern.RunAsync(new Dictionary<string, string> { ["question"] = "Once upon a time" });
Console.WriteLine(record.Output);
Console.WriteLine($"{record.Totals.InputTokens} in, {record.Totals.OutputTokens} out, {record.Totals.WallMs:F0} ms");
Console.WriteLine(RunRecordJson.Serialize(record));
