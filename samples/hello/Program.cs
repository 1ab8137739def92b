var name = args.Length > 0 ? string.Join(' ', args) : "ImageBuild";
Console.WriteLine($"Hello from {name} in a container: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
