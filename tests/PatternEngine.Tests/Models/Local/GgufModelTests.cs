using LLama.Native;
using PatternEngine.Models;
using PatternEngine.Models.Local;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Local;

[Collection(LocalModelCollection.Name)]
public sealed class GgufModelTests(LocalModelFixture fixture)
{
    [Fact]
    public void The_model_id_is_the_file_name_without_its_extension()
    {
        Assert.Equal("stories260K", fixture.Model.ModelId);
        Assert.Same(fixture.Model.AsChatClient(), fixture.Model.AsChatClient());
    }

    [Fact]
    public void A_batch_context_caches_keys_and_values_as_bfloat16_in_a_stream_per_sequence()
    {
        // bfloat16, not llama.cpp's float16 default: the CPU's float16 attention path cost a third more per row.
        const GGMLType bfloat16 = (GGMLType)30;

        using var context = fixture.Model.CreateContext(5, 64);

        Assert.Equal(bfloat16, context.Params.TypeK);
        Assert.Equal(bfloat16, context.Params.TypeV);
        Assert.False(context.Params.KVUnified);
        Assert.Equal(5u, context.Params.SeqMax);
    }

    [Fact]
    public void A_missing_file_throws_ModelFileException_naming_the_path_and_the_override()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.gguf");

        var error = Assert.Throws<ModelFileException>(() => GgufModel.Load(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("PATTERNS_MODEL_FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains("--model-file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(0)]
    public void A_file_that_is_not_GGUF_throws_ModelFileException(int junkBytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"junk-{Guid.NewGuid():N}.gguf");
        var junk = new byte[junkBytes];
        new Random(1).NextBytes(junk);
        File.WriteAllBytes(path, junk);
        try
        {
            var error = Assert.Throws<ModelFileException>(() => GgufModel.Load(path));

            Assert.Equal(path, error.Path);
            Assert.Contains("is not a readable GGUF model", error.Message, StringComparison.Ordinal);
            Assert.Contains("PATTERNS_MODEL_FILE", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
