// Runc.Sharp.Runtime is Linux-only ([assembly: SupportedOSPlatform("linux")]); so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
