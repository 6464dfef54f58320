// The integration tests drive a Linux container runtime: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
