using PatternEngine;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Local;

// The model file: the first argument, else stories260K.gguf in your user models folder (~/.patterns/models).
var modelFile = args.Length > 0 ? args[0] : Path.Combine(UserFolder.Models, "stories260K.gguf");
using var engine = new PatternEngineBuilder().AddEmbeddedModel(modelFile).Build();
var pattern = engine.Compile(PatternFile.Load(Path.Combine(AppContext.BaseDirectory, "patterns", "baseline.yaml")));

var record = await pattern.RunAsync(new Dictionary<string, string> { ["question"] = "Once upon a time" });
Console.WriteLine(record.Output);
Console.WriteLine($"{record.Totals.InputTokens} in, {record.Totals.OutputTokens} out, {record.Totals.WallMs:F0} ms");
Console.WriteLine(RunRecordJson.Serialize(record));
