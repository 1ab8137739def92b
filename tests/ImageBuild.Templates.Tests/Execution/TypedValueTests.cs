using ImageBuild.Templates.Functions;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Tests.Execution;

/// <summary>
/// Typed data prints and resolves as Go's reflection sees docker's structs: structs as {a b}, nil pointers as
/// &lt;nil&gt;, nil slices as [], sets as map[80/tcp:{}], durations as 30s, promoted fields, methods.
/// </summary>
public sealed class TypedValueTests
{
    private static readonly GoType Health = GoType.Struct("v1.HealthcheckConfig",
    [
        new("Test", GoType.StringSlice, OmitEmpty: true),
        new("Interval", GoStandardTypes.Duration, OmitEmpty: true),
        new("Retries", GoType.Int, OmitEmpty: true),
    ]);

    private static readonly GoType Inner = GoType.Struct("v1.ImageConfig",
    [
        new("Env", GoType.StringSlice, OmitEmpty: true),
        new("ExposedPorts", GoType.MapOf(GoType.String, GoType.EmptyStruct), OmitEmpty: true),
    ]);

    private static readonly GoType Config = GoType.Struct("v1.DockerOCIImageConfig",
    [
        new("ImageConfig", Inner, Embedded: true),
        new("Healthcheck", GoType.PointerTo(Health), OmitEmpty: true),
        new("private", GoType.String),
    ]);

    private static readonly GoType Root = GoType.Struct("image.InspectResponse",
    [
        new("ID", GoType.String, JsonName: "Id"),
        new("Config", GoType.PointerTo(Config)),
        new("Labels", GoType.MapOf(GoType.String, GoType.String)),
    ]);

    [Theory]
    [InlineData("{{.ID}}", "sha256:abc")]
    [InlineData("{{.Config.Env}}|{{len .Config.Env}}|{{join .Config.Env \",\"}}", "[]|0|")]
    [InlineData("{{.Config.ExposedPorts}}", "map[443/tcp:{} 80/tcp:{}]")]
    [InlineData("{{.Config.Healthcheck}}", "{[CMD true] 1m30s 3}")]
    [InlineData("{{.Config.Healthcheck.Interval}}|{{printf \"%d\" .Config.Healthcheck.Interval}}", "1m30s|90000000000")]
    [InlineData("{{printf \"%+v\" .Config.Healthcheck}}", "&{Test:[CMD true] Interval:1m30s Retries:3}")]
    [InlineData("{{printf \"%#v\" .Config.Env}}|{{printf \"%#v\" .Labels}}", "[]string(nil)|map[string]string{\"a\":\"1\"}")]
    [InlineData("{{.Labels.a}}|{{.Labels.missing}}|{{index .Labels \"missing\"}}|{{printf \"%q\" (index .Labels \"missing\")}}", "1|<no value>||\"\"")]
    [InlineData("{{json .Config}}", """{"ExposedPorts":{"443/tcp":{},"80/tcp":{}},"Healthcheck":{"Test":["CMD","true"],"Interval":90000000000,"Retries":3}}""")]
    [InlineData("{{json .}}", """{"Id":"sha256:abc","Config":{"ExposedPorts":{"443/tcp":{},"80/tcp":{}},"Healthcheck":{"Test":["CMD","true"],"Interval":90000000000,"Retries":3}},"Labels":{"a":"1"}}""")]
    [InlineData("{{.Config.Healthcheck.Interval.String}}", "1m30s")]
    public void Docker_structs_print_as_go_prints_them(string template, string expected)
    {
        Assert.Equal(expected, Run(template, Data(withHealthcheck: true)));
    }

    [Theory]
    [InlineData("{{.Config.Healthcheck}}", "<nil>")]
    [InlineData("{{if .Config.Healthcheck}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{with .Config.Healthcheck}}{{.Test}}{{else}}none{{end}}", "none")]
    public void A_nil_pointer_prints_nil_and_is_false(string template, string expected)
    {
        Assert.Equal(expected, Run(template, Data(withHealthcheck: false)));
    }

    [Theory]
    [InlineData("{{.Foo}}", "template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type image.InspectResponse")]
    [InlineData("{{.Config.private}}", "template: :1:9: executing \"\" at <.Config.private>: private is an unexported field of struct type *v1.DockerOCIImageConfig")]
    [InlineData("{{.Config.Healthcheck.Test}}", "template: :1:9: executing \"\" at <.Config.Healthcheck.Test>: nil pointer evaluating *v1.HealthcheckConfig.Test")]
    [InlineData("{{.Config.Healthcheck.Nope}}", "template: :1:9: executing \"\" at <.Config.Healthcheck.Nope>: can't evaluate field Nope in type *v1.HealthcheckConfig")]
    [InlineData("{{len .Config.Healthcheck}}", "template: :1:2: executing \"\" at <len .Config.Healthcheck>: error calling len: len of nil pointer")]
    [InlineData("{{.ID 1}}", "template: :1:2: executing \"\" at <.ID>: ID has arguments but cannot be invoked as function")]
    public void Field_errors_name_the_go_type(string template, string expected)
    {
        var error = Assert.Throws<TemplateExecutionException>(() => Run(template, Data(withHealthcheck: false)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Missing_map_keys_follow_the_missingkey_option()
    {
        var labels = GoMap.OfStrings(GoType.MapOf(GoType.String, GoType.String), [new("a", GoValue.Of("1"))]);
        var template = GoTemplate.Parse("[{{.b}}]");

        Assert.Equal("[<no value>]", template.Execute(labels));
        Assert.Equal("[]", template.Execute(labels, MissingKey.Zero));
        var error = Assert.Throws<TemplateExecutionException>(() => template.Execute(labels, MissingKey.Error));
        Assert.Equal("template: :1:3: executing \"\" at <.b>: map has no entry for key \"b\"", error.Message);
    }

    private static string Run(string template, GoValue data) => GoTemplate.Parse(template, DockerFunctions.Standard).Execute(data);

    private static GoValue Data(bool withHealthcheck)
    {
        var ports = GoMap.OfStrings(GoType.MapOf(GoType.String, GoType.EmptyStruct),
            [new("80/tcp", GoValue.Zero(GoType.EmptyStruct)), new("443/tcp", GoValue.Zero(GoType.EmptyStruct))]);
        var inner = new GoStruct(Inner, [GoValue.Zero(GoType.StringSlice), ports]);
        var health = withHealthcheck
            ? GoPointer.To(new GoStruct(Health, [GoValue.Of(["CMD", "true"]), new GoInt(GoStandardTypes.Duration, 90_000_000_000), GoValue.Of(3L)]))
            : GoValue.Zero(GoType.PointerTo(Health));
        var config = GoPointer.To(new GoStruct(Config, [inner, health, GoValue.Of("hidden")]));
        var labels = GoMap.OfStrings(GoType.MapOf(GoType.String, GoType.String), [new("a", GoValue.Of("1"))]);
        return new GoStruct(Root, [GoValue.Of("sha256:abc"), config, labels]);
    }
}
