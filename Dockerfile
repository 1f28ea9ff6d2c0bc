# One image for the three processes (trainer_api, Rasa server, action server);
# docker-compose.yml picks the command. Python 3.10: Rasa 3.6's newest.
FROM python:3.10-slim-bookworm

# One BLAS/OpenMP thread per process: the maths per turn is small, and idle
# library threads spin on cores the other processes need (README, Capacity).
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 \
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
    && pip install --no-cache-dir --no-deps -e . \
    && python -m tools.bot_model
