SELECT name, active FROM flags ORDER BY name
