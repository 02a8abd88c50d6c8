using PatternEngine.Models.Local;

namespace PatternEngine.Tests.Models.Local;

// The internal overload takes the environment and directories as arguments, so these tests
// never change process-wide state that tests running in parallel could see.
public sealed class DefaultModelFileTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("patterns-model-file-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void Resolve_prefers_an_explicit_path_over_the_environment_variable()
    {
        var resolved = DefaultModelFile.Resolve("/models/explicit.gguf", "/models/env.gguf", scratch, scratch);

        Assert.Equal(Path.GetFullPath("/models/explicit.gguf"), resolved);
    }

    [Fact]
    public void Resolve_uses_the_environment_variable_when_no_explicit_path_is_given()
    {
        var resolved = DefaultModelFile.Resolve(null, "/models/env.gguf", scratch, scratch);

        Assert.Equal(Path.GetFullPath("/models/env.gguf"), resolved);
    }

    [Fact]
    public void Resolve_makes_a_relative_path_absolute_from_the_current_directory()
    {
        var resolved = DefaultModelFile.Resolve("my.gguf", null, scratch, scratch);

        Assert.Equal(Path.Combine(scratch, "my.gguf"), resolved);
    }

    [Fact]
    public void Resolve_defaults_to_the_shared_model_beside_the_repository_found_upward_from_the_current_directory()
    {
        var deep = MakeRepository("repo", "src", "deep");

        var resolved = DefaultModelFile.Resolve(null, null, deep, scratch);

        Assert.Equal(SharedModel(), resolved);
    }

    [Fact]
    public void Resolve_searches_from_the_base_directory_when_the_current_directory_is_outside_the_repository()
    {
        var bin = MakeRepository("repo", "bin", "Debug");
        var outside = Directory.CreateDirectory(Path.Combine(scratch, "elsewhere")).FullName;

        var resolved = DefaultModelFile.Resolve(null, null, outside, bin);

        Assert.Equal(SharedModel(), resolved);
    }

    [Fact]
    public void Resolve_without_a_repository_is_the_relative_default_from_the_current_directory()
    {
        var current = Directory.CreateDirectory(Path.Combine(scratch, "a", "b")).FullName;

        var resolved = DefaultModelFile.Resolve(null, null, current, current);

        Assert.Equal(Path.Combine(scratch, "a", "shared", "models", "stories260K.gguf"), resolved);
    }

    [Fact]
    public void Resolve_with_an_explicit_path_ignores_the_environment()
    {
        Assert.Equal(Path.GetFullPath("/models/explicit.gguf"), DefaultModelFile.Resolve("/models/explicit.gguf"));
    }

    [Fact]
    public void Resolve_finds_an_existing_model_file_from_the_test_run()
    {
        Assert.True(File.Exists(DefaultModelFile.Resolve()), DefaultModelFile.Resolve());
    }

    private string MakeRepository(params string[] path)
    {
        var root = Directory.CreateDirectory(Path.Combine(scratch, path[0])).FullName;
        File.WriteAllText(Path.Combine(root, "PatternEngine.sln"), string.Empty);
        return Directory.CreateDirectory(Path.Combine([root, .. path[1..]])).FullName;
    }

    private string SharedModel() => Path.Combine(scratch, "shared", "models", "stories260K.gguf");
}
