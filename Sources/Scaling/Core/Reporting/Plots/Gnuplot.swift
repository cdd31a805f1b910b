import Foundation

/// Draws a picture with gnuplot and keeps what drew it.
///
/// `render` writes `NAME.gp` and the data files into `directory` (also when gnuplot is missing,
/// which it then reports as `.missing`), then runs `gnuplot NAME.gp` there (Foundation's
/// `Process`). The script must produce the pictures itself; `Gnuplot.outputs`
/// gives the preamble-free commands for SVG and PNG. Everything lands next to the pictures, with
/// relative paths, so a user can restyle a plot and rerun `gnuplot NAME.gp` in that folder.
///
/// ```swift
/// try Gnuplot().render(name: "n_opt", script: script, data: ["n_opt.csv": table], in: folder)
/// ```
public struct Gnuplot: Sendable {
    /// The executable, looked up on PATH unless absolute.
    public var executable: String

    public init(executable: String = "gnuplot") {
        self.executable = executable
    }

    /// The full path of the executable, or nil when it is not installed.
    public var resolved: String? {
        if executable.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(executable)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Log-log axes against training compute, powers of ten on both, a light grid: the frame of
    /// every frontier picture (N_opt or D_opt against C).
    public static func computeAxes(ylabel: String) -> String {
        """
        set logscale xy
        set format x '10^{%L}'
        set format y '10^{%L}'
        set grid xtics ytics mxtics mytics lc rgb '#dddddd'
        set xlabel 'training compute C (FLOPs)'
        set ylabel '\(ylabel)'
        """
    }

    /// Commands that draw the plot defined by `plot` (a gnuplot `plot ...` command, possibly
    /// multi-line) into NAME.svg and NAME.png.
    public static func outputs(name: String, plot: String, width: Int = 900, height: Int = 620) -> String {
        """
        set terminal svg size \(width),\(height) dynamic enhanced font 'Helvetica,13' background rgb 'white'
        set output '\(name).svg'
        \(plot)
        set terminal pngcairo size \(width),\(height) enhanced font 'Helvetica,11' background rgb 'white'
        set output '\(name).png'
        replot
        unset output
        """
    }

    /// Write `NAME.gp` and `data` (file name to contents) into `directory` and run gnuplot there.
    public func render(name: String, script: String, data: [String: String], in directory: URL) throws(GnuplotError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (file, contents) in data.sorted(by: { $0.key < $1.key }) {
                try Data(contents.utf8).write(to: directory.appendingPathComponent(file), options: .atomic)
            }
            try Data(script.utf8).write(to: directory.appendingPathComponent("\(name).gp"), options: .atomic)
        } catch {
            throw .cannotWrite(directory.path, "\(error.localizedDescription)")
        }
        // The script and data are written first, so a missing gnuplot still leaves them.
        guard let gnuplot = resolved else { throw .missing(executable) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = ["\(name).gp"]
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw .failed(script: "\(directory.path)/\(name).gp", status: -1, message: "\(error)") }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .failed(script: "\(directory.path)/\(name).gp", status: process.terminationStatus, message: message)
        }
    }
}

/// Why a plot could not be drawn.
public enum GnuplotError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)
    case cannotWrite(String, String)
    case failed(script: String, status: Int32, message: String)

    public var description: String {
        switch self {
        case let .missing(name):
            "'\(name)' was not found on PATH; the plots need gnuplot (Debian: sudo apt-get install gnuplot-nox, or run scripts/setup.sh)"
        case let .cannotWrite(path, why): "cannot write the plot files into \(path): \(why)"
        case let .failed(script, status, message): "gnuplot failed on \(script) (exit \(status)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}
