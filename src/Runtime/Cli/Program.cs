using System.Runtime.InteropServices;

internal static partial class Program
{
    [LibraryImport("runcs_shim")]
    private static partial int runcs_shim_stage();

    private static int Main(string[] args)
    {
        Console.WriteLine($"stage {runcs_shim_stage()}");
        return 0;
    }
}
