mod markdown;
fn main() {}
