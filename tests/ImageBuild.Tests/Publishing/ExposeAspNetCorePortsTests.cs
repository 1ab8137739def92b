using ImageBuild.Oci;
using ImageBuild.Publishing;

namespace ImageBuild.Tests.Publishing;

public sealed class ExposeAspNetCorePortsTests
{
    [Theory]
    [InlineData("ASPNETCORE_HTTP_PORTS=8080", "8080")]
    [InlineData("ASPNETCORE_HTTP_PORTS=8080;8081|ASPNETCORE_HTTPS_PORTS=8443", "8080,8081,8443")]
    [InlineData("ASPNETCORE_URLS=http://+:5000;https://*:5001/|ASPNETCORE_HTTP_PORTS=8080", "5000,5001")]
    [InlineData("ASPNETCORE_URLS=http://localhost:7000/base", "7000")]
    [InlineData("ASPNETCORE_HTTP_PORTS=notaport;0;70000", "")]
    [InlineData("PATH=/bin", "")]
    public void Ports_come_from_the_urls_else_the_port_variables(string environment, string expected)
    {
        var ports = ExposeAspNetCorePorts.Ports(environment.Split('|'));

        Assert.Equal(expected, string.Join(",", ports));
    }

    [Fact]
    public void Inferred_ports_are_added_to_the_ones_the_project_exposes()
    {
        var config = new ContainerConfig
        {
            Env = ["ASPNETCORE_HTTP_PORTS=8080"],
            ExposedPorts = new Dictionary<string, EmptyObject> { ["9000/udp"] = EmptyObject.Instance },
        };

        var changed = new ExposeAspNetCorePorts().Apply(config);

        Assert.Equal(["8080/tcp", "9000/udp"], changed.ExposedPorts!.Keys.Order(StringComparer.Ordinal));
    }
}
