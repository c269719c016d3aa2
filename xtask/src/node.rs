//! The Node.js projects of `interop/` (SAP CAP, the APIs.guru directory,
//! Prism): installed by `npm ci` from their own lock files, and servers of
//! theirs started on 127.0.0.1 and stopped on every path.

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// `npm ci` in `project`, unless its `node_modules` was installed from this
/// very lock file. `what` names the project in what is printed.
pub fn install(project: &Path, what: &str) -> Result<(), String> {
    let lock = fs::read(project.join("package-lock.json"))
        .map_err(|e| format!("cannot read {}/package-lock.json: {e}", project.display()))?;
    let stamp = project.join("node_modules/.sdkgen-installed-lock");
    if fs::read(&stamp).is_ok_and(|installed| installed == lock) {
        return Ok(());
    }
    println!("installing {what} (npm ci in {})", project.display());
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(project)
        .status()
        .map_err(|e| format!("cannot run npm (Node.js 20 and npm are needed): {e}"))?;
    if !status.success() {
        return Err(format!("npm ci failed in {}", project.display()));
    }
    fs::write(&stamp, lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// A port nobody listens on now. (Another process could take it before the
/// server does; then the server fails to start and says so in its log.)
pub fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Waits until something listens on `port` of 127.0.0.1.
pub fn wait_for_port(port: u16, within: std::time::Duration) -> Result<(), String> {
    let started = std::time::Instant::now();
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    while std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(1)).is_err()
    {
        if started.elapsed() > within {
            return Err(format!(
                "nothing listens on port {port} after {} s",
                within.as_secs()
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    Ok(())
}

/// A server process writing to `log`; dropping it stops the server, on every
/// path out of the task that started it (errors and panics included).
pub struct Server {
    child: Child,
}

impl Server {
    /// Starts `node SCRIPT ARGS...` in `project` with `env` added.
    pub fn start(
        project: &Path,
        script: &str,
        args: &[&str],
        env: &[(&str, String)],
        log: &Path,
    ) -> Result<Self, String> {
        let log_file =
            fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err_file = log_file.try_clone().map_err(|e| e.to_string())?;
        let mut command = Command::new("node");
        command
            .arg(script)
            .args(args)
            .current_dir(project)
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(err_file);
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command
            .spawn()
            .map_err(|e| format!("cannot start {script} with node: {e}"))?;
        Ok(Self { child })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
